export * from "./random";
export * from "./clients";
export { origins, type Origin } from "./names";
