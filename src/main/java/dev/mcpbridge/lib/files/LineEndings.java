package dev.mcpbridge.lib.files;

/**
 * How an edit treats a file's line endings. Models write their search and replacement text with \n whatever the
 * file uses, so a literal search must still find its lines in a Windows (CRLF) file.
 */
public enum LineEndings {

    /**
     * The file keeps its own line endings: the text is edited as it is, and a literal search written with \n that
     * is not found in a CRLF file is looked for with \r\n, its replacement then written with \r\n too.
     */
    KEEP,

    /**
     * Every line ending becomes \n: the file's text and each search and replacement have \r\n read as \n, and the
     * file is written back with \n, as the official filesystem server's edit_file does.
     */
    LF;

    /** The text the edits are made on. */
    public String text(String fileText) {
        return this == LF ? lf(fileText) : fileText;
    }

    /**
     * A literal search and its replacement as they are looked for in, and written into, {@code text}.
     *
     * @return the search and the replacement
     */
    public String[] literal(String text, String search, String replace) {
        if (this == LF) {
            return new String[] {lf(search), lf(replace)};
        }
        if (search.contains("\n") && !text.contains(search) && TextFile.usesCrlf(text)) {
            return new String[] {crlf(search), crlf(replace)};
        }
        return new String[] {search, replace};
    }

    private static String lf(String s) {
        return s.replace("\r\n", "\n");
    }

    private static String crlf(String s) {
        return lf(s).replace("\n", "\r\n");
    }
}
