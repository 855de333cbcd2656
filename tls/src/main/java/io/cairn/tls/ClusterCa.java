package io.cairn.tls;

import io.cairn.auth.ClusterSecret;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The cluster's certificate authority, derived from the cluster secret: every process that holds the secret derives
 * the same key pair and the same self-signed certificate, byte for byte, so no CA key file is ever copied and the join
 * token stays the only thing an operator hands out (Garage's model). Whoever holds the secret can therefore issue
 * certificates of the cluster: a certificate proves membership exactly as the secret does, no more.
 *
 * <p>The private key is an EC P-256 scalar made from {@value #SEED_BYTES} bytes derived under {@value #PURPOSE}, reduced
 * into [1, n-1] as FIPS 186-4 B.4.1 ("extra random bits") makes one from random bits. Signatures are deterministic
 * ECDSA (RFC 6979), so the certificate is a pure function of the secret too.
 */
public final class ClusterCa {
    static final String PURPOSE = "cairn cluster ca v1";
    /** FIPS 186-4 B.4.1 asks for 64 bits more than the order's 256, so the reduction's bias is negligible. */
    private static final int SEED_BYTES = 40;
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("P-256");
    /** Fixed, so that every derivation gives the same certificate; before any cluster existed. */
    private static final Date NOT_BEFORE = Date.from(Instant.parse("2025-01-01T00:00:00Z"));
    /** RFC 5280 4.1.2.5: the value for "no well-defined expiration date". The secret is what expires a CA. */
    private static final Date NOT_AFTER = Date.from(Instant.parse("9999-12-31T23:59:59Z"));
    /** A leaf is valid from a little before it was issued, for a peer whose clock is behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ECPrivateKeyParameters key;
    private final SubjectPublicKeyInfo publicKey;
    private final X500Name name;
    private final X509Certificate certificate;

    private ClusterCa(ECPrivateKeyParameters key, SubjectPublicKeyInfo publicKey, X500Name name,
                      X509Certificate certificate) {
        this.key = key;
        this.publicKey = publicKey;
        this.name = name;
        this.certificate = certificate;
    }

    public static ClusterCa derive(ClusterSecret secret) {
        byte[] seed = secret.derive(PURPOSE, SEED_BYTES);
        BigInteger n = P256.getN();
        BigInteger d = new BigInteger(1, seed).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        Arrays.fill(seed, (byte) 0);
        // Named, so the certificate names the curve (the JDK accepts no other form).
        ECDomainParameters domain = new ECNamedDomainParameters(ECNamedCurveTable.getOID("P-256"), P256);
        ECPrivateKeyParameters key = new ECPrivateKeyParameters(d, domain);
        ECPublicKeyParameters pub = new ECPublicKeyParameters(
                new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize(), domain);
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(info.getEncoded());
            X500Name name = commonName("Cairn cluster CA " + HexFormat.of().formatHex(digest, 0, 4));
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name,
                    new BigInteger(1, Arrays.copyOf(digest, 16)), NOT_BEFORE, NOT_AFTER, name, info);
            BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
            // Path length 0: the CA signs leaves only, never another CA.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(info));
            return new ClusterCa(key, info, name, convert(builder.build(signer(key))));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("deriving the cluster CA failed", e);
        }
    }

    /** The self-signed CA certificate clients and peers trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM, for {@code curl --cacert}, {@code AWS_CA_BUNDLE} and {@code --ca-cert}. */
    public String pem() {
        return Pem.encode(certificate);
    }

    /**
     * Issues a certificate for a fresh EC P-256 key, for both ends of a TLS connection (server and client auth).
     *
     * @param commonName what the certificate names, e.g. the process's role and id (for logs, not for trust)
     * @param names      host names and IP addresses the certificate is valid for (subject alternative names)
     */
    public KeyMaterial issue(String commonName, Collection<String> names, Instant now, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, new BigInteger(127, RANDOM),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), commonName(commonName), info);
            BcX509ExtensionUtils ids = new BcX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(info));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ids.createAuthorityKeyIdentifier(publicKey));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            X509Certificate leaf = convert(builder.build(signer(key)));
            return new KeyMaterial(pair.getPrivate(), List.of(leaf, certificate));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("issuing a certificate failed", e);
        }
    }

    private static GeneralNames alternativeNames(Collection<String> names) {
        List<GeneralName> all = new ArrayList<>();
        for (String n : names.stream().distinct().toList()) {
            // An IPv6 literal may come bracketed, as in a URL.
            String bare = n.startsWith("[") && n.endsWith("]") ? n.substring(1, n.length() - 1) : n;
            all.add(IPAddress.isValid(bare) ? new GeneralName(GeneralName.iPAddress, bare)
                    : new GeneralName(GeneralName.dNSName, bare));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static X500Name commonName(String value) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, value).build();
    }

    /** ECDSA with SHA-256 and RFC 6979 nonces: the same input always gives the same signature. */
    private static ContentSigner signer(ECPrivateKeyParameters key) {
        AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
        try {
            return new BcECContentSignerBuilder(signature, digest) {
                @Override
                protected Signer createSigner(AlgorithmIdentifier sigAlgId, AlgorithmIdentifier algorithmIdentifier) {
                    return new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
                            new SHA256Digest());
                }
            }.build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no ECDSA signer", e);
        }
    }

    private static X509Certificate convert(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    @Override
    public String toString() {
        return "ClusterCa[" + certificate.getSubjectX500Principal().getName() + "]";
    }
}
