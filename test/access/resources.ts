// The program's planned resources, shared with the flows specs (test/helpers/program-resources.ts).
export { plannedResources } from "../helpers/program-resources";
