import { strict as assert } from "assert";
import { renderReview, review } from "../../tools/review/render";
import { BASE, BASE_COST, HEAD, HEAD_COST } from "./render-fixture";

/**
 * The review's documented output (docs/views.md, "The review"): summary line, Needs attention in its
 * order (stateful deletions, stateful replacements, protected resources, disruptive updates, new then
 * resolved mandatory violations), the protection steps, cost, advisory changes, pictures, then the
 * changes grouped by Region or global component, each group sorted by component and operation
 * (delete, replace, update, create). Written out in full for the fixture's change set.
 */
const EXPECTED = `### Offline plan review for \`prod\`

**1 to create, 3 to update, 2 to replace, 2 to delete, 5 unchanged**

#### ⚠️ Needs attention (7)

- **- delete** Aurora cluster \`db-us-east-1\` (\`aws:rds/cluster:Cluster\`, us-east-1) (protected)
- **- delete** S3 bucket \`logs\` (\`aws:s3/bucket:Bucket\`, us-east-1)
- **+- replace** VPC \`vpc\` (\`aws:ec2/vpc:Vpc\`, us-east-1): \`cidrBlock\` changes
- **~ update protected** \`www\` (\`aws:route53/record:Record\`, us-east-1)
- **~ restart** Aurora instance \`db-1\` (\`aws:rds/clusterInstance:ClusterInstance\`, us-east-1): \`instanceClass\` \`"db.r7g.large"\` → \`"db.r7g.xlarge"\`. **When:** in the next maintenance window (sun:05:00-sun:06:00); applyImmediately is not set, so \`pulumi up\` only queues it. **Interruption:** the instance restarts on the new class or version: an outage of that instance (AWS: "An outage occurs during this change"); on the writer (promotion tier 0) writes stop until it is back, so resize the readers first and fail over to one. <sub>source [1](https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Modifying.html#Aurora.Modifying.Settings) [2](https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster_instance#apply_immediately)</sub>
- **New mandatory violation** \`new-mandatory\` on \`vpc\`: CIDR overlaps \\| peers
- **Resolved mandatory violation** \`old-mandatory\` on \`www\`: record points nowhere

**\`pulumi up\` fails until protection is lifted** on 1 of the resources this change deletes or replaces: Pulumi stops with \`resource "<URN>" cannot be deleted because it is protected\`, and AWS refuses to delete a resource whose deletion protection is on. In order:

1. Turn AWS deletion protection off while the current code still has the resources: \`platform:database.deletionProtection: false\` in the stack file, then \`pulumi up\` (an in-place update; nothing is deleted).
2. Lift Pulumi \`protect\`: \`platform:database.protect: false\` in the same \`pulumi up\`, or \`pulumi state unprotect '<URN>'\` for each resource below.
3. Run \`pulumi up\` with this change; set the keys back if the resources that stay should keep their protection.

- \`db-us-east-1\` (us-east-1): AWS deletion protection (\`platform:database.deletionProtection: false\`) + Pulumi protect (\`pulumi state unprotect 'urn:pulumi:prod::platform::platform:index:Platform$platform:data:GlobalDatabase$aws:rds/cluster:Cluster::db-us-east-1'\`)

**Kept in AWS** (retainOnDelete): \`logs\`: Pulumi drops them from the stack and the resources stay (and are billed); delete them in AWS if they are not wanted.

#### Monthly cost: $500.00 -> $702.48 (+$202.48)

Largest changes:

- \`db-1\` (\`aws:rds/clusterInstance:ClusterInstance\`, us-east-1): $201.48 -> $402.96 (+$201.48)

<sub>Estimate from list prices of 2026-12-02; see the cost report's assumptions.</sub>

#### Advisory policy changes

- new \`new-advisory\` (advisory) on \`jobs\`: no DLQ
- resolved \`old-advisory\` (advisory) on \`vpc\`: no flow logs

#### Pictures

<details><summary>Deploy critical path (changed)</summary>

\`\`\`mermaid
graph TD
  a --> b
\`\`\`

</details>

#### Changes by component

<details open><summary><b>region us-east-1</b>: 4 resources (1 to create, 1 to update, 2 to replace) — network:Vpc 3 · region 1</summary>

| | resource | type | region | change (old → new) |
|---|---|---|---|---|
| +- | \`vpc\` | \`aws:ec2/vpc:Vpc\` | us-east-1 | \`cidrBlock\`: \`"10.0.0.0/16"\` → \`"10.1.0.0/16"\` **(replaces)** |
| +- | \`subnet-a\` | \`aws:ec2/subnet:Subnet\` | us-east-1 | replaced: \`vpcId\` refers to replaced \`vpc\` |
| + | \`jobs\` | \`aws:sqs/queue:Queue\` | us-east-1 |  |
| ~ | \`api\` | \`kubernetes:apps/v1:Deployment\` | us-east-1 | \`spec.replicas\`: \`3\` → \`4\`<br>\`spec.template.spec.containers[name=app].env[name=MODE].value\`: \`"a\\|b"\` → \`"c"\`<br>and 1 more |
</details>

<details open><summary><b>data:GlobalDatabase database</b>: 2 resources (1 to update, 1 to delete) — data:GlobalDatabase 2</summary>

| | resource | type | region | change (old → new) |
|---|---|---|---|---|
| - | \`db-us-east-1\` | \`aws:rds/cluster:Cluster\` | us-east-1 |  |
| ~ | \`db-1\` | \`aws:rds/clusterInstance:ClusterInstance\` | us-east-1 | \`instanceClass\`: \`"db.r7g.large"\` → \`"db.r7g.xlarge"\` |
</details>

<details open><summary><b>stack</b>: 2 resources (1 to update, 1 to delete) — stack 2</summary>

| | resource | type | region | change (old → new) |
|---|---|---|---|---|
| - | \`logs\` | \`aws:s3/bucket:Bucket\` | us-east-1 |  |
| ~ | \`www\` | \`aws:route53/record:Record\` | us-east-1 | \`ttl\`: \`60\` → \`300\` |
</details>
`;

describe("review: the rendered comment", () => {
  it("renders every section of a change set in the documented order and form", () => {
    const text = renderReview(review(BASE, HEAD), {
      baseCost: BASE_COST,
      headCost: HEAD_COST,
      maxChanges: 2,
      pictures: { deploy: "graph TD\n  a --> b\n\n" },
    });
    assert.equal(text, EXPECTED);
  });
});
