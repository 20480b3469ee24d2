import type { Endpoint, Network, SecurityGroup, SgRule } from "../../tools/flows/types";

/** A hand-written two-VPC network for the reachability unit specs (reach-units, sg-units). */
export const rule = (r: Partial<SgRule>): SgRule => ({
  fromPort: 0,
  toPort: 65535,
  protocol: "tcp",
  cidrs: [],
  prefixLists: [],
  groups: [],
  self: false,
  via: "rule",
  ...r,
});
export const sg = (id: string, vpc: string, ingress: Partial<SgRule>[], egress: Partial<SgRule>[]): SecurityGroup => ({
  id,
  urn: `urn:x::${id}`,
  vpc,
  ingress: ingress.map((r, i) => rule({ via: `${id}#ingress[${i}]`, ...r })),
  egress: egress.map((r, i) => rule({ via: `${id}#egress[${i}]`, ...r })),
});

/** Two VPCs: A (10.0.0.0/16, subnets app/db/pub) and B (10.1.0.0/16, subnet app), peered via pcx-1. */
export function net(over: Partial<Network> = {}): Network {
  const subnet = (id: string, vpc: string, cidr: string, routeTable: string | null) =>
    [id, { id, urn: `urn:x::${id}`, vpc, cidr, routeTable }] as const;
  return {
    vpcs: new Map([
      ["vpc-a", { id: "vpc-a", urn: "urn:x::vpc-a", cidr: "10.0.0.0/16", region: "us-east-1" }],
      ["vpc-b", { id: "vpc-b", urn: "urn:x::vpc-b", cidr: "10.1.0.0/16", region: "us-west-2" }],
    ]),
    subnets: new Map([
      subnet("a-app", "vpc-a", "10.0.1.0/24", "rt-a-app"),
      subnet("a-db", "vpc-a", "10.0.2.0/24", null),
      subnet("a-pub", "vpc-a", "10.0.0.0/24", "rt-a-pub"),
      subnet("b-app", "vpc-b", "10.1.1.0/24", "rt-b-app"),
    ]),
    routeTables: new Map([
      [
        "rt-a-app",
        {
          id: "rt-a-app",
          urn: "urn:x::rt-a-app",
          vpc: "vpc-a",
          routes: [
            { destination: "10.0.0.0/16", kind: "local", target: "local", via: "a-local" },
            { destination: "10.0.0.0/8", kind: "tgw", target: "tgw-1", via: "a-tgw" },
            { destination: "10.1.0.0/16", kind: "pcx", target: "pcx-1", via: "a-to-b" },
            { destination: "0.0.0.0/0", kind: "nat", target: "nat-1", via: "a-nat" },
          ],
        },
      ],
      [
        "rt-a-pub",
        {
          id: "rt-a-pub",
          urn: "urn:x::rt-a-pub",
          vpc: "vpc-a",
          routes: [
            { destination: "10.0.0.0/16", kind: "local", target: "local", via: "pub-local" },
            { destination: "0.0.0.0/0", kind: "igw", target: "igw-1", via: "pub-igw" },
          ],
        },
      ],
      [
        "rt-b-app",
        {
          id: "rt-b-app",
          urn: "urn:x::rt-b-app",
          vpc: "vpc-b",
          routes: [
            { destination: "10.1.0.0/16", kind: "local", target: "local", via: "b-local" },
            { destination: "10.0.0.0/16", kind: "pcx", target: "pcx-1", via: "b-to-a" },
          ],
        },
      ],
    ]),
    securityGroups: new Map([
      [
        "sg-app",
        sg(
          "sg-app",
          "vpc-a",
          [{ fromPort: 8080, toPort: 8080, groups: ["sg-alb"] }],
          [
            { fromPort: 5432, toPort: 5432, cidrs: ["10.0.2.0/24"] },
            { fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"] },
          ],
        ),
      ],
      [
        "sg-db",
        sg(
          "sg-db",
          "vpc-a",
          [
            { fromPort: 5432, toPort: 5432, groups: ["sg-app"] },
            { fromPort: 5432, toPort: 5432, cidrs: ["10.1.0.0/16"] },
          ],
          [],
        ),
      ],
      [
        "sg-alb",
        sg(
          "sg-alb",
          "vpc-a",
          [{ fromPort: 443, toPort: 443, prefixLists: ["pl-cf"] }],
          [{ fromPort: 8080, toPort: 8080, cidrs: ["10.0.1.0/24"] }],
        ),
      ],
      ["sg-b", sg("sg-b", "vpc-b", [], [{ fromPort: 5432, toPort: 5432, cidrs: ["10.0.0.0/16"] }])],
    ]),
    links: new Map([
      [
        "pcx-1",
        {
          id: "pcx-1",
          kind: "pcx" as const,
          vpcs: ["vpc-a", "vpc-b"] as [string, string],
          accepted: true,
          via: ["pcx-1-urn", "pcx-1-accepter"],
        },
      ],
    ]),
    enforcement: new Map(),
    policies: [],
    namespaceLabels: new Map(),
    ...over,
  };
}
export const ep = (
  label: string,
  vpc: string,
  subnets: string[],
  securityGroups: string[],
  more: Partial<Endpoint> = {},
): Endpoint => ({ label, vpc, subnets, securityGroups, ...more });
export const app = ep("app", "vpc-a", ["a-app"], ["sg-app"]);
export const db = ep("db", "vpc-a", ["a-db"], ["sg-db"]);
export const alb = ep("alb", "vpc-a", ["a-pub"], ["sg-alb"], { internetFacing: true });
export const bApp = ep("b app", "vpc-b", ["b-app"], ["sg-b"]);
export const cloudfront: Endpoint = { label: "cloudfront", prefixLists: ["pl-cf"] };
export const internet: Endpoint = { label: "apis", cidrs: ["0.0.0.0/0"] };
