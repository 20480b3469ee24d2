import { charset, firstAlphanumeric, lengthBetween, noEdgeHyphen, notStartsWith, type NameCheck } from "./rules";
import { KOTLIN, PULUMI_AWS, TF_2018, src, type NameRow } from "./row";

const ELB_NAME: readonly NameCheck[] = [
  lengthBetween(1, 32),
  charset(/^[A-Za-z0-9-]+$/, "alphanumeric characters and hyphens"),
  noEdgeHyphen,
];

const IAM_NAME = charset(/^[\w+=,.@-]+$/, "alphanumerics and + = , . @ _ -");

/** Load balancer, IAM, messaging, logging, EKS, security group, alarm, secret and CodeBuild names. */
export const COMPUTE_ROWS: readonly NameRow[] = [
  {
    type: "aws:lb/loadBalancer:LoadBalancer",
    key: "name",
    checks: [...ELB_NAME, notStartsWith("internal-")],
    sources: [
      src(
        `${KOTLIN}/elasticloadbalancingv2/aws.sdk.kotlin.services.elasticloadbalancingv2.model/-create-load-balancer-request/name.html`,
        'maximum of 32 characters, only alphanumeric characters or hyphens, must not begin or end with a hyphen, and must not begin with "internal-"',
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:lb/targetGroup:TargetGroup",
    key: "name",
    checks: ELB_NAME,
    sources: [
      src(
        `${KOTLIN}/elasticloadbalancingv2/aws.sdk.kotlin.services.elasticloadbalancingv2.model/-create-target-group-request/-builder/name.html`,
        "maximum of 32 characters, only alphanumeric characters or hyphens, must not begin or end with a hyphen",
      ),
    ],
    prefix: {
      key: "namePrefix",
      max: 6,
      source: src(`${PULUMI_AWS} lb/targetGroup.d.ts namePrefix`, "Cannot be longer than 6 characters."),
    },
    autoNamed: true,
  },
  {
    type: "aws:iam/role:Role",
    key: "name",
    checks: [lengthBetween(1, 64), IAM_NAME],
    sources: [
      src(
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html",
        "names of roles, policies and paths: alphanumeric plus + = , . @ _ -",
      ),
      src(
        `${TF_2018}resource_aws_iam_role.go`,
        'name: "cannot be longer than 64 characters", must match [\\w+=,.@-] (botocore IAM model)',
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:iam/role:Role",
    key: "path",
    checks: [
      { rule: 'be "/" or begin and end with "/"', ok: (v) => v === "/" || (v.startsWith("/") && v.endsWith("/")) },
      charset(/^[\u0021-\u007f]+$/, "ASCII characters ! through DEL"),
    ],
    sources: [
      src(
        "https://docs.rs/aws-sdk-iam/latest/aws_sdk_iam/operation/create_role/struct.CreateRoleInput.html",
        "a forward slash (/) by itself or a string that must begin and end with forward slashes ... any ASCII character from ! (\\u0021) through DEL (\\u007F)",
      ),
    ],
  },
  {
    type: "aws:iam/rolePolicy:RolePolicy",
    key: "name",
    checks: [lengthBetween(1, 128), IAM_NAME],
    sources: [
      src(
        `${TF_2018}validators.go validateIamRolePolicyName`,
        '"cannot be longer than 128 characters", must match [\\w+=,.@-] (botocore IAM model)',
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:sqs/queue:Queue",
    key: "name",
    checks: [
      lengthBetween(1, 80),
      charset(/^[A-Za-z0-9_-]+(\.fifo)?$/, 'ASCII letters, numbers, underscores and hyphens (plus ".fifo")'),
    ],
    sources: [
      src(
        `${PULUMI_AWS} sqs/queue.d.ts name`,
        "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, between 1 and 80 characters; FIFO ends with .fifo",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:lambda/function:Function",
    key: "name",
    checks: [lengthBetween(1, 64), charset(/^[A-Za-z0-9_-]+$/, "letters, numbers, hyphens and underscores")],
    sources: [
      {
        url: `${KOTLIN}/lambda/aws.sdk.kotlin.services.lambda.model/-invoke-async-request/function-name.html`,
        read: "2026-12-07",
        saw: "The length constraint applies only to the full ARN. If you specify only the function name, it is limited to 64 characters",
      },
      {
        url: "https://javadoc.io/static/com.amazonaws/aws-java-sdk-lambda/1.10.64.1/serialized-form.html",
        read: "2026-12-07",
        saw: "functionName Pattern: ...(function:)?([a-zA-Z0-9-_]+)...",
      },
    ],
    autoNamed: true,
  },
  {
    type: "aws:sns/topic:Topic",
    key: "name",
    checks: [
      lengthBetween(1, 256),
      charset(/^[A-Za-z0-9_-]+(\.fifo)?$/, 'ASCII letters, numbers, underscores and hyphens (plus ".fifo")'),
    ],
    sources: [
      src(
        `${PULUMI_AWS} sns/topic.d.ts name`,
        "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, between 1 and 256 characters",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:cloudwatch/logGroup:LogGroup",
    key: "name",
    checks: [lengthBetween(1, 512), charset(/^[A-Za-z0-9_\-/.#]+$/, "a-z, A-Z, 0-9, _ - / . #")],
    sources: [
      src(
        "https://docs.rs/crate/aws-sdk-cloudwatchlogs/0.25.1/source/src/operation/create_log_group/builders.rs",
        "between 1 and 512 characters; a-z, A-Z, 0-9, '_' (underscore), '-' (hyphen), '/' (forward slash), '.' (period), and '#' (number sign)",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:cloudwatch/eventRule:EventRule",
    key: "name",
    checks: [lengthBetween(1, 64), charset(/^[.\-_A-Za-z0-9]+$/, "letters, numbers, . - _")],
    sources: [
      src(
        `${TF_2018}validators.go validateCloudWatchEventRuleName`,
        "cannot be longer than 64 characters; pattern ^[\\.\\-_A-Za-z0-9]+$ (API_PutRule)",
      ),
    ],
    prefix: {
      key: "namePrefix",
      max: 38,
      source: src(`${PULUMI_AWS} cloudwatch/eventRule.d.ts namePrefix`, "must be 38 characters or less"),
    },
    autoNamed: true,
  },
  {
    type: "aws:eks/nodeGroup:NodeGroup",
    key: "nodeGroupName",
    checks: [
      lengthBetween(1, 63),
      firstAlphanumeric,
      charset(/^[A-Za-z0-9_-]+$/, "letters, digits, hyphens and underscores"),
    ],
    sources: [
      src(
        `${PULUMI_AWS} eks/nodeGroup.d.ts nodeGroupName`,
        "can't be longer than 63 characters; must start with a letter or digit, ... hyphens and underscores",
      ),
    ],
  },
  {
    type: "eks:index:Cluster",
    key: "name",
    checks: [
      lengthBetween(1, 100),
      firstAlphanumeric,
      charset(/^[A-Za-z0-9_-]+$/, "alphanumerics, hyphens and underscores"),
    ],
    sources: [
      src(
        `${KOTLIN}/eks/aws.sdk.kotlin.services.eks.model/-create-cluster-request/name.html`,
        "only alphanumeric characters (case-sensitive), hyphens, and underscores; start with an alphanumeric character; can't be longer than 100 characters",
      ),
    ],
  },
  {
    type: "aws:ec2/securityGroup:SecurityGroup",
    key: "name",
    checks: [
      lengthBetween(1, 255),
      notStartsWith("sg-"),
      charset(/^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/, "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*"),
    ],
    sources: [
      src(
        `${KOTLIN}/ec2/aws.sdk.kotlin.services.ec2.model/-create-security-group-request/group-name.html`,
        "Up to 255 characters in length. Can't start with sg-. Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    key: "name",
    checks: [lengthBetween(1, 255)],
    // Read on the EC2 Auto Scaling API's Alarm type, which carries the CloudWatch alarm's name.
    sources: [
      src(
        "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_Alarm.html",
        "AlarmName: Minimum length of 1. Maximum length of 255.",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:secretsmanager/secret:Secret",
    key: "name",
    checks: [charset(/^[A-Za-z0-9/_+=.@-]+$/, "ASCII letters, numbers and /_+=.@-")],
    sources: [
      src(
        `${KOTLIN}/secretsmanager/aws.sdk.kotlin.services.secretsmanager.model/-create-secret-request/name.html`,
        "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:codebuild/project:Project",
    key: "name",
    checks: [
      lengthBetween(2, 255),
      charset(/^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/, "alphanumerics, - and _, starting alphanumeric"),
    ],
    sources: [
      src(
        "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_PublicProject.html",
        "name Pattern: [A-Za-z0-9][A-Za-z0-9\\-_]{1,254}",
      ),
      src(
        "https://raw.githubusercontent.com/api-evangelist/amazon-codebuild/refs/heads/main/json-schema/amazon-codebuild-project-name-schema.json",
        "ProjectName (third-party copy of the CodeBuild model): pattern [A-Za-z0-9][A-Za-z0-9\\-_]{1,254}, minLength 2, maxLength 255",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    key: "name",
    checks: [lengthBetween(3, 128), charset(/^[a-zA-Z0-9().\-/_]+$/, "a-z, A-Z, 0-9 and ( ) . - / _")],
    sources: [
      src(
        "https://docs.aws.amazon.com/ja_jp/AWSEC2/latest/APIReference/API_LaunchTemplate.html",
        "launchTemplateName: Minimum length of 3. Maximum length of 128. Pattern: [a-zA-Z0-9\\(\\)\\.\\-/_]+",
      ),
    ],
    autoNamed: true,
  },
  {
    type: "aws:amp/workspace:Workspace",
    key: "alias",
    checks: [lengthBetween(1, 100)],
    sources: [
      src(
        "https://docs.aws.amazon.com/goto/WebAPI/amp-2020-08-01/CreateWorkspace",
        "alias: Minimum length of 1. Maximum length of 100.",
      ),
    ],
  },
];
