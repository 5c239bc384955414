package dev.mcpbridge.quickfiles;

import dev.mcpbridge.core.spi.ToolException;
import dev.mcpbridge.lib.files.PathGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A text file decoded so that writing it back gives the same bytes wherever nothing was changed: a byte-order mark
 * picks UTF-8 or UTF-16 (and stays, as the first character), valid UTF-8 is UTF-8, and anything else is read as
 * ISO-8859-1, which maps every byte to one character and back, so a Latin-1 or Windows-1252 file keeps its bytes.
 * Line endings are never normalised: an edit touches only the text it matched.
 */
final class TextFile {

    private final String text;
    private final Charset charset;

    private TextFile(String text, Charset charset) {
        this.text = text;
        this.charset = charset;
    }

    /** Reads a whole file, refusing one larger than {@code maxBytes} with a message that names it. */
    static TextFile read(PathGuard guard, Path file, String shownAs, long maxBytes) throws IOException {
        FileBytes.Loaded loaded = FileBytes.read(guard, file, maxBytes);
        if (loaded.tooLarge()) {
            throw new ToolException("'" + shownAs + "' is " + loaded.size() + " bytes, more than the " + maxBytes
                    + " bytes a file may have to be read whole or rewritten (setting maxFileBytes)");
        }
        return decode(loaded.bytes());
    }

    static TextFile decode(byte[] bytes) {
        if (isAscii(bytes)) {
            // The common case, and the cheapest decode: every charset here reads ASCII the same.
            return new TextFile(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        Charset charset = bomCharset(bytes);
        if (charset != null) {
            return new TextFile(new String(bytes, charset), charset);
        }
        try {
            String utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new TextFile(utf8, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new TextFile(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * UTF-16 by its mark: Java's UTF-16LE/BE decoders keep the mark as U+FEFF, so encoding gives it back. UTF-8's
     * mark is kept the same way by the plain UTF-8 decoder.
     */
    private static Charset bomCharset(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** A file is taken as binary when its first 8 KiB hold a NUL byte (as grep and git decide), unless UTF-16. */
    static boolean looksBinary(byte[] start, int length) {
        if (length >= 2 && bomCharset(start) != null) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (start[i] == 0) {
                return true;
            }
        }
        return false;
    }

    String text() {
        return text;
    }

    Charset charset() {
        return charset;
    }

    byte[] encode(String content) {
        return content.getBytes(charset);
    }

    /** True when the text's lines end with CRLF (more CRLF than bare LF). */
    static boolean usesCrlf(String text) {
        int crlf = 0;
        int lf = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i > 0 && text.charAt(i - 1) == '\r') {
                crlf++;
            } else {
                lf++;
            }
        }
        return crlf > lf;
    }
}
