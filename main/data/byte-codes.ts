/** The bytes the text readers and writers look for (ASCII codes), named once. */
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const PLUS = 43;
export const COMMA = 44;
export const MINUS = 45;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const E_UPPER = 69;
export const E_LOWER = 101;
