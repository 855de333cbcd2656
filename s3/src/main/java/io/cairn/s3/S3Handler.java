package io.cairn.s3;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.http.Caller;
import io.cairn.http.ErrorPage;
import io.cairn.http.Exchange;
import io.cairn.http.ExchangeHandler;
import io.cairn.http.RecentErrors;
import io.cairn.http.Permissions;
import io.cairn.http.limits.RateLimiter;
import io.cairn.s3.auth.Authenticated;
import io.cairn.s3.auth.FormSignature;
import io.cairn.s3.auth.Payload;
import io.cairn.s3.auth.PostForm;
import io.cairn.s3.auth.S3Credentials;
import io.cairn.s3.auth.SigV2Verifier;
import io.cairn.s3.auth.SigV4Verifier;
import io.cairn.s3.auth.SignatureVersion;
import io.cairn.s3.auth.SignedRequest;
import io.cairn.s3.router.ParsedRequest;
import io.cairn.s3.router.S3HttpRequest;
import io.cairn.s3.router.S3Operation;
import io.cairn.s3.router.S3Router;
import io.cairn.s3.xml.XmlWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 API's HTTP handler, in five steps each done once here: parse the request into an operation
 * ({@link S3Router}), authenticate it ({@link SigV4Verifier} or {@link SigV2Verifier}, as its signature's version
 * says, before any byte of the body is used; no signature makes an anonymous caller) and apply the rate limits,
 * authorize it ({@link S3Permissions}), dispatch it ({@link S3Service}), and render any failure as S3's XML error
 * with the request's id (over a limit: 503 SlowDown, which S3 clients back off from).
 */
public final class S3Handler extends ExchangeHandler {
    private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);

    private final S3Router router;
    private static final Set<S3Error> REFUSED_CREDENTIALS = EnumSet.of(S3Error.InvalidAccessKeyId,
            S3Error.SignatureDoesNotMatch);

    private final SigV4Verifier sigV4;
    private final SigV2Verifier sigV2;
    private final FormSignature formSignature;
    private final S3Credentials credentials;
    private final Permissions permissions;
    private final S3Service service;
    private final Cors cors;
    private final Clock clock;

    /**
     * @param cors   the buckets' CORS configurations, which browsers' requests are answered by
     * @param errors where its server errors go: the gateway's, beside its JSON API's
     */
    public S3Handler(S3Service service, S3Settings settings, S3Credentials credentials, Permissions permissions,
                     BucketCors cors, Clock clock, MeterRegistry registry, RateLimiter limiter, RecentErrors errors) {
        super(registry, limiter, errors);
        this.router = new S3Router(settings.baseDomains());
        this.sigV4 = new SigV4Verifier(credentials);
        this.sigV2 = new SigV2Verifier(credentials);
        this.formSignature = new FormSignature(credentials);
        this.credentials = credentials;
        this.permissions = permissions;
        this.service = service;
        this.cors = new Cors(cors);
        this.clock = clock;
    }

    @Override
    protected void serve(Exchange exchange) throws Exception {
        String requestId = newRequestId();
        exchange.setHeader("x-amz-request-id", requestId);
        exchange.setHeader("x-amz-id-2", requestId);
        exchange.routeLabel("S3");
        S3HttpRequest http = S3HttpRequest.fromRaw(exchange.method(), exchange.host(), exchange.path(),
                exchange.rawQuery(), exchange::header);
        ParsedRequest parsed = router.parse(http);
        exchange.routeLabel("S3 " + parsed.op().name());
        exchange.target(parsed.bucket(), parsed.key());
        if (answeredCors(exchange, parsed)) {
            return;
        }
        SignedRequest signed = new SignedRequest(http.method(), http.path(), http.query().stream()
                .map(p -> new SignedRequest.QueryParameter(p.name(), p.value())).toList(), exchange.headers(),
                clock.instant());
        Payload payload;
        SignatureVersion version = signed.signatureVersion();
        if (version == SignatureVersion.NONE) {
            exchange.caller(new Caller.Anonymous());
            payload = Payload.anonymous(signed);
        } else {
            Authenticated auth;
            try {
                auth = version == SignatureVersion.V2 ? sigV2.verify(signed, sigV2Resource(exchange, parsed))
                        : sigV4.verify(signed);
            } catch (S3Exception e) {
                if (REFUSED_CREDENTIALS.contains(e.error())) {
                    try {
                        chargeRefusedCredential(exchange);
                    } catch (CairnException limited) {
                        throw S3Errors.from(limited, parsed.op());
                    }
                }
                throw e;
            }
            exchange.caller(credentials.userOf(auth.accessKeyId()));
            payload = auth.payload();
        }
        try {
            throttle(exchange);
            S3Permissions.require(permissions, exchange, parsed, http);
            service.dispatch(new S3Call(exchange, http, parsed, payload.open(exchange.body()), permissions,
                    this::authenticateForm));
        } catch (CairnException e) {
            retryAfter(exchange, e);
            throw S3Errors.from(e, parsed.op());
        }
    }

    /**
     * Answers a preflight, or sets an actual request's CORS headers before anything can refuse it, so that a page can
     * read the refusal too. Browsers send preflights without credentials; they are not limited either: like a
     * request with an unknown key, one costs at most a lookup, and only until the gateway remembers the answer.
     *
     * @return whether that was the whole answer (a preflight)
     */
    private boolean answeredCors(Exchange exchange, ParsedRequest parsed) {
        try {
            if (parsed.op() instanceof S3Operation.Options) {
                cors.preflight(exchange, parsed.bucket());
                return true;
            }
            cors.respond(exchange, parsed.bucket());
            return false;
        } catch (CairnException e) {
            throw S3Errors.from(e, parsed.op());
        }
    }

    /**
     * What SigV2 signs of the URL: an object's path as sent (still percent-encoded), after the bucket when the Host
     * names it (virtual-hosted). A request to a bucket itself signs {@code /bucket/} whichever way it names it: the
     * AWS SDKs sign the slash even when their path-style URL has none.
     */
    private String sigV2Resource(Exchange exchange, ParsedRequest parsed) {
        if (parsed.bucket() == null) {
            return exchange.path();
        }
        if (parsed.key() == null) {
            return "/" + parsed.bucket() + "/";
        }
        String hostBucket = router.bucketOfHost(exchange.host());
        return hostBucket == null ? exchange.path() : "/" + hostBucket + exchange.path();
    }

    /**
     * A browser form's user, from the credential among its fields, and its signed policy, unexpired. Its request is
     * rate-limited as its headers' caller: the credential is read from the body, after the limits were applied.
     */
    private Optional<FormAuthenticator.SignedForm> authenticateForm(PostForm form) {
        return formSignature.verify(form).map(accessKeyId -> {
            PostPolicy policy = PostPolicy.parse(form.required("policy", "Policy"));
            policy.requireUnexpired(clock.instant());
            return new FormAuthenticator.SignedForm(credentials.userOf(accessKeyId), policy);
        });
    }

    /**
     * S3's XML for what Jetty refuses before the S3 router runs: a path that does not decode is S3's InvalidURI, a
     * header section too large RequestHeaderSectionTooLarge, anything else malformed an InvalidRequest naming it.
     */
    @Override
    public ErrorPage errorPage() {
        return new ErrorPage() {
            @Override
            public String contentType() {
                return "application/xml";
            }

            @Override
            public byte[] body(int status, String message, String path) {
                String code;
                String text = message;
                if (status >= 500) {
                    code = S3Error.InternalError.name();
                } else if (status == 431 || message.contains("Header")) {
                    code = "RequestHeaderSectionTooLarge";
                } else if (message.contains("UTF-8") || message.contains("Path") || message.contains("URI")) {
                    code = "InvalidURI";
                    text = "Couldn't parse the specified URI: " + message;
                } else {
                    code = S3Error.InvalidRequest.name();
                }
                return XmlWriter.plain("Error").element("Code", code).element("Message", text)
                        .element("Resource", path)
                        .element("RequestId", newRequestId()).toBytes();
            }
        };
    }

    private static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).toUpperCase();
    }

    @Override
    protected String errorCode(Throwable failure) {
        return failure instanceof S3Exception e ? e.error().name() : super.errorCode(failure);
    }

    @Override
    protected boolean isRefusal(Throwable failure) {
        return failure instanceof S3Exception || super.isRefusal(failure);
    }

    @Override
    protected void sendError(Exchange exchange, Throwable failure) throws IOException {
        S3Exception error = switch (failure) {
            case S3Exception e -> e;
            // A body that did not start in time is refused before the request is parsed.
            case CairnException e when e.code() == ErrorCode.REQUEST_TIMEOUT -> S3Errors.from(e, null);
            case CairnException e -> new S3Exception(S3Error.InvalidRequest, e.getMessage());
            default -> {
                LOG.error("unexpected failure on S3 {} {}", exchange.method(), exchange.path(), failure);
                yield new S3Exception(S3Error.InternalError, "We encountered an internal error. Please try again.");
            }
        };
        XmlWriter xml = XmlWriter.plain("Error")
                .element("Code", error.error().name())
                .element("Message", error.getMessage())
                .element("Resource", exchange.path())
                .element("RequestId", exchange.responseHeader("x-amz-request-id"));
        exchange.send(error.error().status(), "application/xml", xml.toBytes());
    }
}
