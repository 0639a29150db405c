// opencc-js 1.4.2 ships types/, but they break under node16/nodenext resolution (the
// package is "type": "module" and its .d.ts files import './core' without an extension:
// TS2834, TS1479). The checker prefers an ambient module declaration over the resolved
// file, so this one is what the code is checked against under every resolution mode.
// It covers only what src/text uses, as loaded by require() (the UMD build).
declare module 'opencc-js' {
  export type ConverterFunction = (text: string) => string;
  export type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 'hkp' | 'jp' | 't';
  export function Converter(options: { from: Locale; to: Locale }): ConverterFunction;
  export function CustomConverter(dict: readonly (readonly [string, string])[] | string): ConverterFunction;
}
