export { Region, type RegionFoundationArgs } from "./foundation";
export { deployApps, type AppsSettings, type GlobalHandles, type RegionApps } from "./apps";
export { foundationArgs } from "./args";
