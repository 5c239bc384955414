package dev.mcpbridge.searxng;

/** Text from the web, cleaned of the invisible and bidirectional control characters used to hide instructions. */
final class Text {

    private Text() {
    }

    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean invisible = (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
                    || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xE0000 && cp <= 0xE007F)
                    || (Character.getType(cp) == Character.CONTROL && cp != '\n' && cp != '\t');
            if (!invisible) {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
