package io.cairn.auth;

import static io.cairn.auth.Decision.ALLOW;
import static io.cairn.auth.Decision.DENY;
import static io.cairn.auth.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The engine's decisions, as a table: the policies in force, who asks for what, and the expected decision. Policies
 * are written with ' for " to keep the table readable; bucket policies are on bucket "b".
 */
class PolicyEngineTest {
    static final Principal ALICE = Principal.user("alice");
    static final Principal BOB = Principal.user("bob");
    static final Principal ANONYMOUS = Principal.anonymous();

    static final String ALLOW_ALL = "{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::*'}";
    static final String LOGS = "{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/logs/*'}";
    static final String LIST_LOGS = "{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::b',"
            + "'Condition':{'StringLike':{'s3:prefix':['logs/*']}}}";
    static final String HOME = "{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:username}/*'}";
    static final String LIST_HOME = "{'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::home',"
            + "'Condition':{'StringLike':{'s3:prefix':['${aws:username}/*']}}}";
    static final String PUBLIC_GET = "{'Effect':'Allow','Principal':'*','Action':'s3:GetObject',"
            + "'Resource':'arn:aws:s3:::b/*'}";

    static final String ALICE_GET = "{'Effect':'Allow','Principal':{'AWS':['alice']},'Action':'s3:GetObject',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String ALICE_ARN_GET = "{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::*:user/alice'},"
            + "'Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}";
    static final String ALICE_SINGLE_GET = "{'Effect':'Allow','Principal':{'AWS':'alice'},'Action':'s3:GetObject',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String AWS_STAR_GET = "{'Effect':'Allow','Principal':{'AWS':'*'},'Action':'s3:GetObject',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String DENY_ALICE = "{'Effect':'Deny','Principal':{'AWS':'alice'},'Action':'s3:*',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String DENY_BOB = "{'Effect':'Deny','Principal':{'AWS':'bob'},'Action':'s3:*',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String DENY_ALL_BUT_ALICE = "{'Effect':'Deny','NotPrincipal':{'AWS':'alice'},'Action':'s3:*',"
            + "'Resource':'arn:aws:s3:::b/*'}";
    static final String ANYONE_HOME = "{'Effect':'Allow','Principal':'*','Action':'s3:*',"
            + "'Resource':'arn:aws:s3:::b/${aws:username}/*'}";
    static final String DENY_OUTSIDE = "{'Effect':'Deny','Action':'s3:*','Resource':'*',"
            + "'Condition':{'NotIpAddress':{'aws:SourceIp':['10.0.0.0/8','fd00::/8']}}}";
    static final String DENY_ACL_NOT_PRIVATE = "{'Effect':'Deny','Action':'s3:PutObject','Resource':'*',"
            + "'Condition':{'StringNotEquals':{'s3:x-amz-acl':'private'}}}";
    static final String DENY_WITHOUT_IP = "{'Effect':'Deny','Action':'*','Resource':'*',"
            + "'Condition':{'Null':{'aws:SourceIp':'true'}}}";
    static final String DENY_INSECURE = "{'Effect':'Deny','Principal':'*','Action':'s3:*','Resource':['arn:aws:s3:::b',"
            + "'arn:aws:s3:::b/*'],'Condition':{'Bool':{'aws:SecureTransport':'false'}}}";
    static final String ACL_PRIVATE_IF_EXISTS = "{'StringEqualsIfExists':{'s3:x-amz-acl':'private'}}";
    static final String ANY_TAG = "{'ForAnyValue:StringEquals':{'s3:tag':['b','c']}}";
    static final String ALL_TAGS = "{'ForAllValues:StringEquals':{'s3:tag':['b','c']}}";
    static final String MAX_KEYS = "{'NumericLessThanEquals':{'s3:max-keys':100}}";
    static final String UNTIL_2030 = "{'DateLessThan':{'aws:CurrentTime':'2030-01-01T00:00:00Z'}}";

    static final List<Case> CASES = List.of(
            when("identity allow").identity(ALLOW_ALL).as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("nothing allows").as(ALICE).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("other action not allowed").identity(LOGS).as(ALICE).does("s3:PutObject", "b/logs/x")
                    .expect(IMPLICIT_DENY),

            // Explicit deny wins over allows from anywhere.
            when("deny in another identity policy wins").identity(ALLOW_ALL)
                    .identity("{'Effect':'Deny','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/secret/*'}")
                    .as(ALICE).does("s3:GetObject", "b/secret/x").expect(DENY),
            when("deny elsewhere leaves the allow").identity(ALLOW_ALL)
                    .identity("{'Effect':'Deny','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/secret/*'}")
                    .as(ALICE).does("s3:GetObject", "b/public/x").expect(ALLOW),
            when("bucket policy deny wins over identity allow").identity(ALLOW_ALL)
                    .bucket(DENY_ALICE)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(DENY),
            when("identity deny wins over bucket policy allow")
                    .identity("{'Effect':'Deny','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}")
                    .bucket(PUBLIC_GET).as(ALICE).does("s3:GetObject", "b/x").expect(DENY),
            when("bucket deny for another principal does not apply").identity(ALLOW_ALL)
                    .bucket(DENY_BOB)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),

            // Bucket policy principals.
            when("bucket policy allows a named user")
                    .bucket(ALICE_GET)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("bucket policy names another user")
                    .bucket(ALICE_GET)
                    .as(BOB).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("bucket policy user by ARN")
                    .bucket(ALICE_ARN_GET)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("NotPrincipal deny spares the named user").identity(ALLOW_ALL)
                    .bucket(DENY_ALL_BUT_ALICE)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("NotPrincipal deny hits everyone else").identity(ALLOW_ALL)
                    .bucket(DENY_ALL_BUT_ALICE)
                    .as(BOB).does("s3:GetObject", "b/x").expect(DENY),

            // Anonymous requests: only resource policies apply.
            when("anonymous allowed by Principal *").bucket(PUBLIC_GET).as(ANONYMOUS).does("s3:GetObject", "b/x")
                    .expect(ALLOW),
            when("anonymous allowed by AWS *")
                    .bucket(AWS_STAR_GET)
                    .as(ANONYMOUS).does("s3:GetObject", "b/x").expect(ALLOW),
            when("anonymous not a named user")
                    .bucket(ALICE_SINGLE_GET)
                    .as(ANONYMOUS).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("identity allow does not apply to anonymous").identity(ALLOW_ALL).as(ANONYMOUS)
                    .does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("identity deny does not apply to anonymous")
                    .identity("{'Effect':'Deny','Action':'*','Resource':'*'}").bucket(PUBLIC_GET).as(ANONYMOUS)
                    .does("s3:GetObject", "b/x").expect(ALLOW),
            when("Principal * includes users").bucket(PUBLIC_GET).as(BOB).does("s3:GetObject", "b/x").expect(ALLOW),

            // Resources: prefix boundaries, wildcards, case.
            when("prefix allows below it").identity(LOGS).as(ALICE).does("s3:GetObject", "b/logs/x").expect(ALLOW),
            when("* matches slashes").identity(LOGS).as(ALICE).does("s3:GetObject", "b/logs/2024/01/x")
                    .expect(ALLOW),
            when("prefix is not a string prefix").identity(LOGS).as(ALICE).does("s3:GetObject", "b/logs2/x")
                    .expect(IMPLICIT_DENY),
            when("prefix excludes the folder object").identity(LOGS).as(ALICE).does("s3:GetObject", "b/logs")
                    .expect(IMPLICIT_DENY),
            when("object pattern excludes the bucket").identity(LOGS).as(ALICE).does("s3:GetObject", "b")
                    .expect(IMPLICIT_DENY),
            when("? matches one character")
                    .identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/file?.txt'}")
                    .as(ALICE).does("s3:GetObject", "b/file1.txt").expect(ALLOW),
            when("? matches exactly one character")
                    .identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/file?.txt'}")
                    .as(ALICE).does("s3:GetObject", "b/file10.txt").expect(IMPLICIT_DENY),
            when("resources are case-sensitive")
                    .identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::B/*'}")
                    .as(ALICE).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("actions are case-insensitive")
                    .identity("{'Effect':'Allow','Action':'S3:getobject','Resource':'arn:aws:s3:::b/*'}")
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("action wildcards")
                    .identity("{'Effect':'Allow','Action':['s3:Get*','s3:List?ucket'],'Resource':'*'}")
                    .as(ALICE).does("s3:ListBucket", "b").expect(ALLOW),
            when("action wildcard stays within its pattern")
                    .identity("{'Effect':'Allow','Action':'s3:Get*','Resource':'*'}")
                    .as(ALICE).does("s3:PutObject", "b/x").expect(IMPLICIT_DENY),
            when("ListAllMyBuckets on the account").identity(ALLOW_ALL).as(ALICE)
                    .does("s3:ListAllMyBuckets", null).expect(ALLOW),

            // NotAction, NotResource.
            when("NotAction allows the others")
                    .identity("{'Effect':'Allow','NotAction':'s3:DeleteObject','Resource':'arn:aws:s3:::b/*'}")
                    .as(ALICE).does("s3:GetObject", "b/x").expect(ALLOW),
            when("NotAction excludes its actions")
                    .identity("{'Effect':'Allow','NotAction':'s3:Delete*','Resource':'arn:aws:s3:::b/*'}")
                    .as(ALICE).does("s3:DeleteObject", "b/x").expect(IMPLICIT_DENY),
            when("NotResource deny hits the others").identity(ALLOW_ALL)
                    .identity("{'Effect':'Deny','Action':'s3:*','NotResource':['arn:aws:s3:::b/public/*']}")
                    .as(ALICE).does("s3:GetObject", "b/secret").expect(DENY),
            when("NotResource deny spares its resources").identity(ALLOW_ALL)
                    .identity("{'Effect':'Deny','Action':'s3:*','NotResource':['arn:aws:s3:::b/public/*']}")
                    .as(ALICE).does("s3:GetObject", "b/public/x").expect(ALLOW),

            // ListBucket limited by prefix.
            when("listing an allowed prefix").identity(LIST_LOGS).as(ALICE).does("s3:ListBucket", "b")
                    .with("s3:prefix", "logs/2024/").expect(ALLOW),
            when("listing another prefix").identity(LIST_LOGS).as(ALICE).does("s3:ListBucket", "b")
                    .with("s3:prefix", "private/").expect(IMPLICIT_DENY),
            when("listing without a prefix").identity(LIST_LOGS).as(ALICE).does("s3:ListBucket", "b")
                    .expect(IMPLICIT_DENY),

            // Policy variables.
            when("home directory of the user").identity(HOME).as(ALICE).does("s3:PutObject", "home/alice/x")
                    .expect(ALLOW),
            when("home directory of another user").identity(HOME).as(BOB).does("s3:PutObject", "home/alice/x")
                    .expect(IMPLICIT_DENY),
            when("aws:username comes from the principal, not the caller").identity(HOME).as(BOB)
                    .does("s3:PutObject", "home/alice/x").with("aws:username", "alice").expect(IMPLICIT_DENY),
            when("anonymous has no home").identity(HOME).bucket(
                            ANYONE_HOME)
                    .as(ANONYMOUS).does("s3:PutObject", "b//x").expect(IMPLICIT_DENY),
            when("listing one's own home").identity(LIST_HOME).as(ALICE).does("s3:ListBucket", "home")
                    .with("s3:prefix", "alice/docs/").expect(ALLOW),
            when("listing another's home").identity(LIST_HOME).as(ALICE).does("s3:ListBucket", "home")
                    .with("s3:prefix", "bob/").expect(IMPLICIT_DENY),
            when("${*} is a literal star")
                    .identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/${*}${?}${$}'}")
                    .as(ALICE).does("s3:GetObject", "b/*?$").expect(ALLOW),
            when("${*} matches nothing else")
                    .identity("{'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/${*}'}")
                    .as(ALICE).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("aws:userid is the user name")
                    .identity("{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::b/${aws:userid}'}")
                    .as(ALICE).does("s3:GetObject", "b/alice").expect(ALLOW),
            when("variables are literal in version 2008-10-17").version("2008-10-17").identity(HOME).as(ALICE)
                    .does("s3:PutObject", "home/alice/x").expect(IMPLICIT_DENY),
            when("version 2008-10-17 matches the literal text").version("2008-10-17").identity(HOME).as(ALICE)
                    .does("s3:PutObject", "home/${aws:username}/x").expect(ALLOW),

            // Source address.
            when("IPv4 in CIDR").identity(withCondition("{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "10.1.2.3").expect(ALLOW),
            when("IPv4 outside CIDR").identity(withCondition("{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "11.1.2.3").expect(IMPLICIT_DENY),
            when("IPv4 odd prefix").identity(withCondition("{'IpAddress':{'aws:SourceIp':'192.168.4.0/22'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "192.168.7.255").expect(ALLOW),
            when("IPv4 just outside odd prefix")
                    .identity(withCondition("{'IpAddress':{'aws:SourceIp':'192.168.4.0/22'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "192.168.8.0").expect(IMPLICIT_DENY),
            when("plain address").identity(withCondition("{'IpAddress':{'aws:SourceIp':['1.2.3.4','5.6.7.8']}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "5.6.7.8").expect(ALLOW),
            when("IPv6 in CIDR").identity(withCondition("{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "2001:db8:1::42").expect(ALLOW),
            when("IPv6 outside CIDR").identity(withCondition("{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "2001:db9::1").expect(IMPLICIT_DENY),
            when("IPv4 request against IPv6 range")
                    .identity(withCondition("{'IpAddress':{'aws:SourceIp':'2001:db8::/32'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "10.0.0.1").expect(IMPLICIT_DENY),
            when("no source address").identity(withCondition("{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").expect(IMPLICIT_DENY),
            when("NotIpAddress deny from outside").identity(ALLOW_ALL).identity(
                            DENY_OUTSIDE)
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "8.8.8.8").expect(DENY),
            when("NotIpAddress deny spares inside").identity(ALLOW_ALL).identity(
                            DENY_OUTSIDE)
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "fd12::1").expect(ALLOW),
            when("condition keys are case-insensitive")
                    .identity(withCondition("{'IpAddress':{'AWS:SOURCEIP':'10.0.0.0/8'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:sourceip", "10.0.0.1").expect(ALLOW),

            // Secure transport.
            when("plain HTTP denied").identity(ALLOW_ALL).bucket(DENY_INSECURE).as(ALICE).does("s3:GetObject", "b/x")
                    .with("aws:SecureTransport", "false").expect(DENY),
            when("HTTPS allowed").identity(ALLOW_ALL).bucket(DENY_INSECURE).as(ALICE).does("s3:GetObject", "b/x")
                    .with("aws:SecureTransport", "true").expect(ALLOW),

            // Absent keys, IfExists, Null.
            when("IfExists with the key absent").identity(withCondition(ACL_PRIVATE_IF_EXISTS)).as(ALICE)
                    .does("s3:PutObject", "b/x").expect(ALLOW),
            when("IfExists with a matching value").identity(withCondition(ACL_PRIVATE_IF_EXISTS)).as(ALICE)
                    .does("s3:PutObject", "b/x").with("s3:x-amz-acl", "private").expect(ALLOW),
            when("IfExists with another value").identity(withCondition(ACL_PRIVATE_IF_EXISTS)).as(ALICE)
                    .does("s3:PutObject", "b/x").with("s3:x-amz-acl", "public-read").expect(IMPLICIT_DENY),
            when("negated operator true for an absent key").identity(ALLOW_ALL).identity(
                            DENY_ACL_NOT_PRIVATE)
                    .as(ALICE).does("s3:PutObject", "b/x").expect(DENY),
            when("negated operator false for a listed value").identity(ALLOW_ALL).identity(
                            DENY_ACL_NOT_PRIVATE)
                    .as(ALICE).does("s3:PutObject", "b/x").with("s3:x-amz-acl", "private").expect(ALLOW),
            when("Null true denies an absent key").identity(ALLOW_ALL).identity(
                            DENY_WITHOUT_IP)
                    .as(ALICE).does("s3:GetObject", "b/x").expect(DENY),
            when("Null true spares a present key").identity(ALLOW_ALL).identity(
                            DENY_WITHOUT_IP)
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SourceIp", "1.2.3.4").expect(ALLOW),

            // Set operators.
            when("ForAnyValue with one match").identity(withCondition(ANY_TAG)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("s3:tag", "a", "b").expect(ALLOW),
            when("ForAnyValue with no match").identity(withCondition(ANY_TAG)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("s3:tag", "x").expect(IMPLICIT_DENY),
            when("ForAnyValue without values").identity(withCondition(ANY_TAG)).as(ALICE).does("s3:GetObject", "b/x")
                    .expect(IMPLICIT_DENY),
            when("ForAllValues all match").identity(withCondition(ALL_TAGS)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("s3:tag", "b", "c").expect(ALLOW),
            when("ForAllValues one outside").identity(withCondition(ALL_TAGS)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("s3:tag", "b", "x").expect(IMPLICIT_DENY),
            when("ForAllValues without values is true").identity(withCondition(ALL_TAGS)).as(ALICE)
                    .does("s3:GetObject", "b/x").expect(ALLOW),
            when("ForAnyValue StringLike").identity(withCondition("{'ForAnyValue:StringLike':{'s3:tag':'team-*'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:tag", "x", "team-blue").expect(ALLOW),
            when("ForAllValues StringNotEquals")
                    .identity(withCondition("{'ForAllValues:StringNotEquals':{'s3:tag':'secret'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:tag", "a", "secret").expect(IMPLICIT_DENY),

            // Other operators.
            when("StringEqualsIgnoreCase").identity(withCondition("{'StringEqualsIgnoreCase':{'s3:delimiter':'ABC'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:delimiter", "abc").expect(ALLOW),
            when("StringEquals is case-sensitive").identity(withCondition("{'StringEquals':{'s3:delimiter':'ABC'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:delimiter", "abc").expect(IMPLICIT_DENY),
            when("StringEquals takes * literally").identity(withCondition("{'StringEquals':{'s3:delimiter':'a*'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:delimiter", "abc").expect(IMPLICIT_DENY),
            when("StringNotLike").identity(withCondition("{'StringNotLike':{'s3:prefix':'tmp/*'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:prefix", "tmp/a").expect(IMPLICIT_DENY),
            when("StringNotEqualsIgnoreCase")
                    .identity(withCondition("{'StringNotEqualsIgnoreCase':{'s3:prefix':'TMP'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("s3:prefix", "data").expect(ALLOW),
            when("NumericLessThanEquals within").identity(withCondition(MAX_KEYS)).as(ALICE)
                    .does("s3:ListBucket", "b").with("s3:max-keys", "100").expect(ALLOW),
            when("NumericLessThanEquals above").identity(withCondition(MAX_KEYS)).as(ALICE)
                    .does("s3:ListBucket", "b").with("s3:max-keys", "1000").expect(IMPLICIT_DENY),
            when("numeric operator with a non-number").identity(withCondition(MAX_KEYS)).as(ALICE)
                    .does("s3:ListBucket", "b").with("s3:max-keys", "ten").expect(IMPLICIT_DENY),
            when("NumericNotEquals").identity(withCondition("{'NumericNotEquals':{'s3:max-keys':[1,2]}}")).as(ALICE)
                    .does("s3:ListBucket", "b").with("s3:max-keys", "3").expect(ALLOW),
            when("NumericGreaterThan").identity(withCondition("{'NumericGreaterThan':{'s3:max-keys':'2.5'}}"))
                    .as(ALICE).does("s3:ListBucket", "b").with("s3:max-keys", "3").expect(ALLOW),
            when("DateLessThan before").identity(withCondition(UNTIL_2030)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("aws:CurrentTime", "2026-05-01T12:00:00Z").expect(ALLOW),
            when("DateLessThan after").identity(withCondition(UNTIL_2030)).as(ALICE).does("s3:GetObject", "b/x")
                    .with("aws:CurrentTime", "2030-01-01T00:00:01Z").expect(IMPLICIT_DENY),
            when("DateGreaterThanEquals in epoch seconds")
                    .identity(withCondition("{'DateGreaterThanEquals':{'aws:CurrentTime':1767225600}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:CurrentTime", "2026-01-01T00:00:00Z")
                    .expect(ALLOW),
            when("DateEquals a date").identity(withCondition("{'DateEquals':{'aws:CurrentTime':'2026-01-01'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:CurrentTime", "2026-01-01T00:00:00+00:00")
                    .expect(ALLOW),
            when("Bool true").identity(withCondition("{'Bool':{'aws:SecureTransport':true}}")).as(ALICE)
                    .does("s3:GetObject", "b/x").with("aws:SecureTransport", "true").expect(ALLOW),
            when("several conditions all hold").identity(withCondition(
                            "{'Bool':{'aws:SecureTransport':'true'},'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SecureTransport", "true")
                    .with("aws:SourceIp", "10.0.0.1").expect(ALLOW),
            when("several conditions, one fails").identity(withCondition(
                            "{'Bool':{'aws:SecureTransport':'true'},'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}"))
                    .as(ALICE).does("s3:GetObject", "b/x").with("aws:SecureTransport", "true")
                    .with("aws:SourceIp", "11.0.0.1").expect(IMPLICIT_DENY),

            // Admin actions.
            when("admin statement without resource").identity("{'Effect':'Allow','Action':'admin:List*'}")
                    .as(ALICE).admin(AdminAction.LIST_USERS).expect(ALLOW),
            when("admin statement grants only its actions").identity("{'Effect':'Allow','Action':'admin:List*'}")
                    .as(ALICE).admin(AdminAction.CREATE_USER).expect(IMPLICIT_DENY),
            when("s3:* grants no admin action").identity(ALLOW_ALL).as(ALICE).admin(AdminAction.SERVER_INFO)
                    .expect(IMPLICIT_DENY),
            when("* on * grants admin actions").identity("{'Effect':'Allow','Action':'*','Resource':'*'}")
                    .as(ALICE).admin(AdminAction.SERVER_INFO).expect(ALLOW),
            when("* on S3 resources grants no admin action")
                    .identity("{'Effect':'Allow','Action':'*','Resource':'arn:aws:s3:::*'}")
                    .as(ALICE).admin(AdminAction.SERVER_INFO).expect(IMPLICIT_DENY),
            when("admin deny wins").identity("{'Effect':'Allow','Action':'admin:*'}")
                    .identity("{'Effect':'Deny','Action':['admin:NodeAdmin','admin:ClusterAdmin']}")
                    .as(ALICE).admin(AdminAction.NODE_ADMIN).expect(DENY),

            // Root is decided by callers; the engine treats it as a user.
            when("root is not special to the engine").as(Principal.root("root")).does("s3:GetObject", "b/x")
                    .expect(IMPLICIT_DENY),
            when("root as a user").identity(ALLOW_ALL).as(Principal.root("root")).does("s3:GetObject", "b/x")
                    .expect(ALLOW));

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void decides(Case c) {
        List<Policy> identity = c.identity.stream().map(s -> Policy.parse(document(c.version, s))).toList();
        Optional<Policy> bucket = c.bucket == null ? Optional.empty()
                : Optional.of(Policy.parseBucketPolicy(document(c.version, c.bucket), "b"));
        assertThat(PolicyEngine.decide(c.request(), identity, bucket)).isEqualTo(c.expected);
    }

    @Test
    void resourcePoliciesAreAllApplied() {
        Policy publicGet = Policy.parseBucketPolicy(document("2012-10-17", PUBLIC_GET), "b");
        Policy denyInsecure = Policy.parseBucketPolicy(document("2012-10-17", DENY_INSECURE), "b");
        AccessRequest request = AccessRequest.s3(ANONYMOUS, S3Actions.GET_OBJECT, "b", "x",
                Map.of("aws:SecureTransport", List.of("false")));
        assertThat(PolicyEngine.decide(request, List.of(), List.of(publicGet))).isEqualTo(ALLOW);
        assertThat(PolicyEngine.decide(request, List.of(), List.of(publicGet, denyInsecure))).isEqualTo(DENY);
    }

    @Test
    void refusesPoliciesOfTheWrongKind() {
        Policy identity = Policy.parse(document("2012-10-17", ALLOW_ALL));
        Policy bucket = Policy.parseBucketPolicy(document("2012-10-17", PUBLIC_GET), "b");
        AccessRequest request = AccessRequest.s3(ALICE, S3Actions.GET_OBJECT, "b", "x", Map.of());
        assertThatThrownBy(() -> PolicyEngine.decide(request, List.of(bucket), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyEngine.decide(request, List.of(), Optional.of(identity)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requestContextIsNormalized() {
        AccessRequest request = AccessRequest.s3(ALICE, S3Actions.LIST_BUCKET, "b", null,
                Map.of("S3:Prefix", List.of("a/"), "aws:USERNAME", List.of("mallory")));
        assertThat(request.resource()).isEqualTo("arn:aws:s3:::b");
        assertThat(request.context()).containsEntry("s3:prefix", List.of("a/"))
                .containsEntry("aws:username", List.of("alice")).containsEntry("aws:userid", List.of("alice"));
        assertThat(AccessRequest.s3(ANONYMOUS, S3Actions.LIST_BUCKET, "b", null,
                Map.of("aws:username", List.of("mallory"))).context()).isEmpty();
        assertThat(AccessRequest.admin(ALICE, AdminAction.SERVER_INFO, Map.of()))
                .extracting(AccessRequest::action, AccessRequest::resource)
                .containsExactly("admin:ServerInfo", "");
    }

    static String document(String version, String... statements) {
        return ("{'Version':'" + version + "','Statement':[" + String.join(",", statements) + "]}")
                .replace('\'', '"');
    }

    static String withCondition(String condition) {
        return "{'Effect':'Allow','Action':'s3:*','Resource':'*','Condition':" + condition + "}";
    }

    static Case when(String name) {
        return new Case(name);
    }

    /** One row of the table, built fluently. */
    static final class Case {
        final String name;
        final List<String> identity = new ArrayList<>();
        final Map<String, List<String>> context = new LinkedHashMap<>();
        String version = "2012-10-17";
        String bucket;
        Principal principal;
        String action;
        String resource;
        Decision expected;

        Case(String name) {
            this.name = name;
        }

        Case version(String v) {
            version = v;
            return this;
        }

        Case identity(String statement) {
            identity.add(statement);
            return this;
        }

        Case bucket(String statement) {
            bucket = statement;
            return this;
        }

        Case as(Principal p) {
            principal = p;
            return this;
        }

        /** An S3 action on "bucket/key", "bucket", or the account (null). */
        Case does(String a, String path) {
            action = a;
            resource = "arn:aws:s3:::" + (path == null ? "" : path);
            return this;
        }

        Case admin(AdminAction a) {
            action = a.wireName();
            resource = "";
            return this;
        }

        Case with(String key, String... values) {
            context.put(key, Arrays.asList(values));
            return this;
        }

        Case expect(Decision d) {
            expected = d;
            return this;
        }

        AccessRequest request() {
            return new AccessRequest(principal, action, resource, context);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
