import { loadStackConfig } from "./components/config/pulumi";
import { Platform } from "./components/platform";
import { createProviders } from "./components/providers";
import { edgeOutputs } from "./components/edge";

const config = loadStackConfig();
const providers = createProviders(config);
const platform = new Platform(config.name, { config, providers });

export const environment = config.environment;
export const primaryRegion = config.primaryRegion;
export const regions = platform.regionOutputs();
export const edge = edgeOutputs(platform.edge);
export const appUrl = platform.appUrl;
export const kubeconfigs = platform.kubeconfigs();
