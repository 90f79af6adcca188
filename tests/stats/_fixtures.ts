/** Two small samples shared by the test files (values typed in by hand). */
export const A = [0.52, 1.31, -0.24, 0.88, 1.75, 0.63, 0.09, 1.12, 0.97, 0.41];
/** Second sample; its first 10 values pair with {@linkcode A}. */
export const B = [0.11, 0.47, -0.62, 0.35, 0.92, -0.05, 0.28, 0.66, 0.13, -0.31, 0.58, 0.04];
