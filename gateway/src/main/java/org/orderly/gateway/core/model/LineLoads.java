package org.orderly.gateway.core.model;

/** One load per low-voltage line of the transformer, in kW: A, B and C. */
public record LineLoads(double aKw, double bKw, double cKw) {

    public LineLoads {
        if (!Double.isFinite(aKw) || !Double.isFinite(bKw) || !Double.isFinite(cKw)) {
            throw new IllegalArgumentException("each line's load must be a finite number of kW, got A " + aKw + ", B "
                    + bKw + ", C " + cKw);
        }
    }

    /** The load on line {@code line} (0 = A, 1 = B, 2 = C). */
    public double kw(int line) {
        return switch (line) {
            case 0 -> aKw;
            case 1 -> bKw;
            case 2 -> cKw;
            default -> throw new IllegalArgumentException("line " + line + " is not 0 (A), 1 (B) or 2 (C)");
        };
    }
}
