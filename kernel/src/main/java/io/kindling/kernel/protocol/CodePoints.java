package io.kindling.kernel.protocol;

/**
 * Jupyter counts cursor positions in Unicode code points; Java strings count UTF-16 chars. They differ
 * after any character outside the Basic Multilingual Plane, such as an emoji.
 */
final class CodePoints {
    private CodePoints() {
    }

    static int toCharIndex(String text, int codePoints) {
        int clamped = Math.max(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.offsetByCodePoints(0, clamped);
    }

    static int toCodePoints(String text, int charIndex) {
        return text.codePointCount(0, Math.max(0, Math.min(charIndex, text.length())));
    }
}
