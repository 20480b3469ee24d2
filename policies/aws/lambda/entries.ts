import type { RegistryEntry } from "../../lib/registry-entry";
import { lambdaSqsConsumer } from "./lambda-sqs-consumer";

/** This area's policies, in pack order. Adding one: a file exporting its factory, one line here. */
export const lambdaPolicies: readonly RegistryEntry[] = [{ create: lambdaSqsConsumer }];
