package dev.schemawatch.executor.report;

/**
 * Text that XML 1.0 can hold. StAX escapes markup but writes control characters as they are, and a
 * document holding one does not parse; a hostile table or case name must not break the report, so
 * such characters become U+FFFD.
 */
final class XmlText {

    private XmlText() {
    }

    static String clean(String text) {
        StringBuilder cleaned = null;
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || Character.isSurrogate(c) && isPairedSurrogate(text, index);
            if (!allowed && cleaned == null) {
                cleaned = new StringBuilder(text.length()).append(text, 0, index);
            }
            if (cleaned != null) {
                cleaned.append(allowed ? c : '\uFFFD');
            }
        }
        return cleaned == null ? text : cleaned.toString();
    }

    private static boolean isPairedSurrogate(String text, int index) {
        char c = text.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
        }
        return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
    }
}
