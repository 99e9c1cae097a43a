/** js-yaml 4 ships no types; the tests use only this. */
declare module 'js-yaml' {
  export function load(input: string): unknown;
}
