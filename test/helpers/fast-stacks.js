// Mocha `--require` file. Pulumi captures a stack trace for every resource it registers, and
// ts-node's source-map-support rewrites each one: about 40 % of the suite's time. Keep V8's
// plain traces (compiled-JS positions) unless PLATFORM_TS_STACKS=1 asks for TypeScript
// positions, e.g. to read a failure. A plain assignment is not enough: source-map-support
// installs its hook again later, so the property ignores every later write.
"use strict";
if (!process.env.PLATFORM_TS_STACKS) {
  Object.defineProperty(Error, "prepareStackTrace", {
    configurable: false,
    get: () => undefined,
    set: () => {},
  });
}
