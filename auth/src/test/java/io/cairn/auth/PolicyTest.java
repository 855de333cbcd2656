package io.cairn.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cairn.core.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Parsing: what is accepted, and for every refused document a message that names the problem. */
class PolicyTest {
    /** A document (' for ") and the words its refusal must contain. */
    record Invalid(String document, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    static final String V = "{'Version':'2012-10-17','Statement':";
    static final String OK = "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*'}";

    static final List<Invalid> INVALID_IDENTITY = List.of(
            new Invalid("not json", "the policy document is not valid JSON"),
            new Invalid("", "the policy document is empty"),
            new Invalid("[]", "a policy document must be a JSON object"),
            new Invalid(V + "[" + OK + "]} trailing", "not valid JSON"),
            // Where the unclosed array began, said plainly (Jackson would say "[Source: REDACTED (…); line: 1, …]").
            new Invalid(V + "[" + OK, "expected close marker for Array (start marker at line 1, column 37)"),
            new Invalid("{'Statement':[" + OK + "]}", "the policy document has no Version; use \"2012-10-17\""),
            new Invalid("{'Version':'2020-01-01','Statement':[" + OK + "]}",
                    "unsupported policy Version \"2020-01-01\""),
            new Invalid("{'Version':2012,'Statement':[" + OK + "]}", "unsupported policy Version 2012"),
            new Invalid("{'Version':'2012-10-17'}", "the policy document has no statements"),
            new Invalid(V + "[]}", "the policy document has no statements"),
            new Invalid("{'Version':'2012-10-17','Statements':[]}",
                    "unknown element 'Statements' in the policy document"),
            new Invalid(V + "[1]}", "Statement 1: a statement must be a JSON object"),
            new Invalid(V + "[" + OK + ",{'Action':'s3:*','Resource':'*'}]}", "Statement 2: Effect is missing"),
            new Invalid(V + "[{'Effect':'allow','Action':'s3:*','Resource':'*'}]}",
                    "Statement 1: Effect must be \"Allow\" or \"Deny\", got \"allow\""),
            new Invalid(V + "[{'Effect':'Allow','Effect':'Deny','Action':'s3:*','Resource':'*'}]}",
                    "Duplicate field 'Effect'"),
            new Invalid(V + "[{'Effect':'Allow','Actions':'s3:*','Resource':'*'}]}",
                    "Statement 1: unknown element 'Actions'"),
            new Invalid(V + "[{'Effect':'Allow','Resource':'*'}]}", "Statement 1: needs an Action or a NotAction"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','NotAction':'s3:Get*','Resource':'*'}]}",
                    "Statement 1: has both Action and NotAction"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*'}]}", "Statement 1: needs a Resource or a NotResource"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','Resource':'*','NotResource':'*'}]}",
                    "Statement 1: has both Resource and NotResource"),
            new Invalid(V + "[{'Effect':'Allow','Action':5,'Resource':'*'}]}",
                    "Statement 1: Action must be a string or an array of strings"),
            new Invalid(V + "[{'Effect':'Allow','Action':[],'Resource':'*'}]}", "Statement 1: Action is empty"),
            new Invalid(V + "[{'Effect':'Allow','Action':'iam:CreateUser','Resource':'*'}]}",
                    "Statement 1: unsupported action 'iam:CreateUser'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'GetObject','Resource':'*'}]}",
                    "Statement 1: unsupported action 'GetObject'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:Get Object','Resource':'*'}]}",
                    "Statement 1: invalid action 's3:Get Object'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'admin:CreateUsr'}]}",
                    "Statement 1: unknown admin action 'admin:CreateUsr'"),
            new Invalid(V + "[{'Effect':'Allow','Action':['admin:ServerInfo','s3:GetObject'],'Resource':'*'}]}",
                    "Statement 1: Action mixes admin: actions with others"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','Resource':'bucket/*'}]}",
                    "Statement 1: unsupported Resource 'bucket/*'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:iam::1:user/x'}]}",
                    "Statement 1: unsupported NotResource 'arn:aws:iam::1:user/x'"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'}]}",
                    "Statement 1: Principal is only allowed in bucket policies"),
            new Invalid(V + "[" + OK + ",{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                    + "'Condition':{'StringLikee':{'s3:prefix':'a'}}}]}",
                    "Statement 2: unknown condition operator StringLikee"),
            new Invalid(V + "[" + condition("{'ForSomeValues:StringLike':{'s3:prefix':'a'}}") + "]}",
                    "Statement 1: unknown condition operator ForSomeValues:StringLike"),
            new Invalid(V + "[" + condition("{'NullIfExists':{'s3:prefix':'true'}}") + "]}",
                    "Statement 1: condition operator NullIfExists is not allowed"),
            new Invalid(V + "[" + condition("{'StringLike':'a'}") + "]}",
                    "Statement 1: condition StringLike must be a JSON object of condition keys and values"),
            new Invalid(V + "[" + condition("['StringLike']") + "]}",
                    "Statement 1: Condition must be a JSON object of operators"),
            new Invalid(V + "[" + condition("{'StringLike':{'s3:prefix':null}}") + "]}",
                    "Statement 1: condition StringLike on s3:prefix needs a string, number or boolean"),
            new Invalid(V + "[" + condition("{'StringLike':{'s3:prefix':[]}}") + "]}",
                    "Statement 1: condition StringLike on s3:prefix needs a string, number or boolean"),
            new Invalid(V + "[" + condition("{'NumericLessThan':{'s3:max-keys':'abc'}}") + "]}",
                    "Statement 1: NumericLessThan value 'abc' for s3:max-keys is not a number"),
            new Invalid(V + "[" + condition("{'DateLessThan':{'aws:CurrentTime':'tomorrow'}}") + "]}",
                    "Statement 1: DateLessThan value 'tomorrow' for aws:CurrentTime is not a date"),
            new Invalid(V + "[" + condition("{'Bool':{'aws:SecureTransport':'yes'}}") + "]}",
                    "Statement 1: Bool value 'yes' for aws:SecureTransport is not true or false"),
            new Invalid(V + "[" + condition("{'IpAddress':{'aws:SourceIp':'10.0.0.0/33'}}") + "]}",
                    "Statement 1: IpAddress value '10.0.0.0/33' for aws:SourceIp is not an IPv4 or IPv6 address"),
            new Invalid(V + "[" + condition("{'NotIpAddress':{'aws:SourceIp':'example.com'}}") + "]}",
                    "Statement 1: NotIpAddress value 'example.com' for aws:SourceIp is not an IPv4 or IPv6"),
            new Invalid(V + "[" + condition("{'IpAddress':{'aws:SourceIp':'256.1.1.1'}}") + "]}",
                    "Statement 1: IpAddress value '256.1.1.1'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:username'}]}",
                    "Statement 1: unterminated policy variable in 'arn:aws:s3:::b/${aws:username'"),
            new Invalid(V + "[{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${a b}'}]}",
                    "Statement 1: invalid policy variable '${a b}'"),
            new Invalid(V + "[" + condition("{'StringEquals':{'s3:prefix':'${}'}}") + "]}",
                    "Statement 1: invalid policy variable '${}'"),
            new Invalid(V + "[{'Effect':'Allow','Sid':7,'Action':'s3:*','Resource':'*'}]}",
                    "Statement 1: Sid must be a string"));

    static final List<Invalid> INVALID_BUCKET = List.of(
            new Invalid(V + "[" + OK + "]}",
                    "Statement 1: a bucket policy statement needs a Principal or a NotPrincipal"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','NotPrincipal':'*','Action':'s3:*',"
                    + "'Resource':'arn:aws:s3:::b'}]}", "Statement 1: has both Principal and NotPrincipal"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::other/*'}]}",
                    "Statement 1: Resource 'arn:aws:s3:::other/*' is outside bucket 'b'"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'arn:aws:s3:::bb'}]}",
                    "Statement 1: Resource 'arn:aws:s3:::bb' is outside bucket 'b'"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','Action':'s3:*','Resource':'*'}]}",
                    "Statement 1: Resource '*' is outside bucket 'b'"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'*','Action':'admin:*','Resource':'arn:aws:s3:::b'}]}",
                    "Statement 1: a bucket policy cannot grant or deny admin actions ('admin:*')"),
            new Invalid(V + "[{'Effect':'Allow','Principal':{'Service':'x'},'Action':'s3:*',"
                    + "'Resource':'arn:aws:s3:::b'}]}",
                    "Statement 1: unsupported principal type 'Service' in Principal"),
            new Invalid(V + "[{'Effect':'Allow','Principal':'alice','Action':'s3:*','Resource':'arn:aws:s3:::b'}]}",
                    "Statement 1: Principal must be \"*\" or {\"AWS\": …}"),
            new Invalid(V + "[{'Effect':'Allow','Principal':{},'Action':'s3:*','Resource':'arn:aws:s3:::b'}]}",
                    "Statement 1: Principal names no principal"),
            new Invalid(V + "[{'Effect':'Allow','NotPrincipal':{'AWS':'arn:aws:iam::1:root'},'Action':'s3:*',"
                    + "'Resource':'arn:aws:s3:::b'}]}", "Statement 1: unsupported NotPrincipal 'arn:aws:iam::1:root'"),
            new Invalid(V + "[{'Effect':'Allow','Principal':{'AWS':'a b'},'Action':'s3:*',"
                    + "'Resource':'arn:aws:s3:::b'}]}",
                    "Statement 1: invalid Principal 'a b'"));

    @ParameterizedTest(name = "{0}")
    @FieldSource("INVALID_IDENTITY")
    void refusesIdentityPolicies(Invalid invalid) {
        assertThatThrownBy(() -> Policy.parse(json(invalid.document())))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(invalid.message())
                .extracting(e -> ((PolicyException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("INVALID_BUCKET")
    void refusesBucketPolicies(Invalid invalid) {
        assertThatThrownBy(() -> Policy.parseBucketPolicy(json(invalid.document()), "b"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(invalid.message());
    }

    @Test
    void refusesDocumentsOver20KiB() {
        String statements = String.join(",", java.util.Collections.nCopies(400, OK));
        assertThat(json(V + "[" + statements + "]}").length()).isGreaterThan(Policy.MAX_BYTES);
        assertThatThrownBy(() -> Policy.parse(json(V + "[" + statements + "]}")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("the limit is 20480 (20 KiB)");
    }

    @Test
    void keepsTheDocumentExactly() {
        String document = """
                {
                  "Version" : "2012-10-17",
                  "Statement": {"Sid": "One", "Effect": "Allow",
                                "Action": "s3:GetObject",   "Resource": "arn:aws:s3:::b/*"}
                }
                """;
        Policy policy = Policy.parse(document);
        assertThat(policy.json()).isEqualTo(document);
        assertThat(policy.isBucketPolicy()).isFalse();
    }

    @Test
    void acceptsTheOldVersionAndSingleValues() {
        Policy policy = Policy.parse(json("{'Version':'2008-10-17','Id':'x','Statement':{'Effect':'Deny',"
                + "'NotAction':'s3:GetObject','NotResource':'arn:aws:s3:::b/${aws:username'}}"));
        assertThat(policy.statements()).hasSize(1);
    }

    @Test
    void acceptsEveryPrincipalForm() {
        Policy policy = Policy.parseBucketPolicy(json(V + "[{'Effect':'Allow','Principal':{'AWS':['alice',"
                + "'arn:aws:iam::123456789012:user/bob','arn:aws:iam::*:user/team/carol']},'Action':'s3:GetObject',"
                + "'Resource':['arn:aws:s3:::b','arn:aws:s3:::b/*']}]}"), "b");
        for (String user : List.of("alice", "bob", "carol")) {
            assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.user(user), S3Actions.GET_OBJECT, "b", "k",
                    Map.of()), List.of(), Optional.of(policy))).as(user).isEqualTo(Decision.ALLOW);
        }
        assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.user("dave"), S3Actions.GET_OBJECT, "b", "k",
                Map.of()), List.of(), Optional.of(policy))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void anAccountPrincipalNamesNoUserAndIsNotPublic() {
        Policy policy = Policy.parseBucketPolicy(json(V + "[{'Effect':'Allow','Principal':{'AWS':"
                + "'arn:aws:iam::s3tenant1:root'},'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}]}"), "b");
        assertThat(policy.grantsEveryone()).isFalse();
        assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.user("alice"), S3Actions.GET_OBJECT, "b", "k",
                Map.of()), List.of(), Optional.of(policy))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.anonymous(), S3Actions.GET_OBJECT, "b", "k",
                Map.of()), List.of(), Optional.of(policy))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aResourcePatternThatMayMatchTheBucketIsAcceptedAndMatchesItAlone() {
        Policy policy = Policy.parseBucketPolicy(json(V + "[{'Effect':'Allow','Principal':'*','Action':"
                + "'s3:ListBucket','Resource':['arn:aws:s3:::*','arn:aws:s3:::*/*','arn:aws:s3:::b?']}]}"), "b1");
        assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.anonymous(), S3Actions.LIST_BUCKET, "b1", null,
                Map.of()), List.of(), Optional.of(policy))).isEqualTo(Decision.ALLOW);
        assertThatThrownBy(() -> Policy.parseBucketPolicy(json(V + "[{'Effect':'Allow','Principal':'*','Action':"
                + "'s3:ListBucket','Resource':'arn:aws:s3:::a*'}]}"), "b1")).hasMessageContaining("outside bucket");
    }

    @Test
    void aGrantToEveryoneIsPublicUnlessAConditionKeepsItToFixedSources() {
        String grant = V + "[{'Effect':'Allow','Principal':'*','Action':'s3:ListBucket','Resource':'arn:aws:s3:::b'%s}]}";
        assertThat(Policy.parseBucketPolicy(json(grant.formatted("")), "b").grantsEveryone()).isTrue();
        assertThat(Policy.parseBucketPolicy(json(grant.formatted(
                ",'Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/32'}}")), "b").grantsEveryone()).isFalse();
        assertThat(Policy.parseBucketPolicy(json(grant.formatted(
                ",'Condition':{'NotIpAddress':{'aws:SourceIp':'10.0.0.0/32'}}")), "b").grantsEveryone()).isTrue();
        assertThat(Policy.parseBucketPolicy(json(grant.formatted(
                ",'Condition':{'Bool':{'aws:SecureTransport':'true'}}")), "b").grantsEveryone()).isTrue();
        assertThat(Policy.parseBucketPolicy(json(V + "[{'Effect':'Allow','Principal':{'AWS':'alice'},"
                + "'Action':'s3:ListBucket','Resource':'arn:aws:s3:::b'}]}"), "b").grantsEveryone()).isFalse();
    }

    @Test
    void saysWhetherAConditionTestsKeysOfAPrefixSoTheirValuesAreReadOnlyThen() {
        String statement = V + "[{'Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'"
                + "%s}]}";
        Policy tagged = Policy.parseBucketPolicy(json(statement.formatted(
                ",'Condition':{'StringEquals':{'s3:existingobjecttag/security':'public'}}")), "b");
        assertThat(tagged.testsConditionKeysStartingWith(S3Actions.EXISTING_OBJECT_TAG)).isTrue();
        assertThat(tagged.testsConditionKeysStartingWith(S3Actions.REQUEST_OBJECT_TAG)).isFalse();
        assertThat(Policy.parseBucketPolicy(json(statement.formatted("")), "b")
                .testsConditionKeysStartingWith(S3Actions.EXISTING_OBJECT_TAG)).isFalse();
        AccessRequest publicObject = AccessRequest.s3(Principal.anonymous(), S3Actions.GET_OBJECT, "b", "k",
                Map.of(S3Actions.EXISTING_OBJECT_TAG + "security", List.of("public")));
        assertThat(PolicyEngine.decide(publicObject, List.of(), Optional.of(tagged))).isEqualTo(Decision.ALLOW);
        assertThat(PolicyEngine.decide(AccessRequest.s3(Principal.anonymous(), S3Actions.GET_OBJECT, "b", "k",
                Map.of()), List.of(), Optional.of(tagged))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void acceptsEveryConditionOperator() {
        String operators = String.join(",", List.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
                        "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "ForAnyValue:StringLikeIfExists",
                        "ForAllValues:StringEquals").stream().map(o -> "'" + o + "':{'s3:prefix':'a'}").toList())
                + ",'NumericEquals':{'k1':1},'NumericNotEquals':{'k1':1},'NumericLessThan':{'k1':1},"
                + "'NumericLessThanEquals':{'k1':1},'NumericGreaterThan':{'k1':1},"
                + "'NumericGreaterThanEqualsIfExists':{'k1':1},"
                + "'DateEquals':{'k2':'2020-01-01T00:00:00Z'},'DateNotEquals':{'k2':0},'DateLessThan':{'k2':0},"
                + "'DateLessThanEquals':{'k2':0},'DateGreaterThan':{'k2':0},"
                + "'DateGreaterThanEquals':{'k2':'2020-01-01'},"
                + "'Bool':{'k3':false},'IpAddress':{'k4':['::1','10.0.0.0/8']},'NotIpAddress':{'k4':'::/0'},"
                + "'Null':{'k5':true}";
        assertThat(Policy.parse(json(V + "[" + condition("{" + operators + "}") + "]}")).statements().getFirst()
                .conditions()).hasSize(24);
    }

    static String condition(String condition) {
        return "{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':" + condition + "}";
    }

    static String json(String text) {
        return text.replace('\'', '"');
    }
}
