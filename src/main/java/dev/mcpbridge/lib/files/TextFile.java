package dev.mcpbridge.lib.files;

import dev.mcpbridge.core.spi.ToolException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A text file decoded so that writing it back gives the same bytes wherever nothing was changed: a byte-order mark
 * picks UTF-8 or UTF-16 (and stays, as the first character), valid UTF-8 is UTF-8, and anything else is read as
 * ISO-8859-1, which maps every byte to one character and back, so a Latin-1 or Windows-1252 file keeps its bytes.
 * Line endings are never normalised here: an edit touches only the text it matched.
 *
 * <p>Also the partial reads (head, tail, a line range) of a file already open, which decode UTF-8 and read only
 * what they return.
 */
public final class TextFile {

    /** A file is taken as binary when its first this many bytes hold a NUL byte, as grep and git decide. */
    public static final int BINARY_PROBE = 8192;

    private final String text;
    private final Charset charset;

    private TextFile(String text, Charset charset) {
        this.text = text;
        this.charset = charset;
    }

    /** Reads a whole file, refusing one larger than {@code maxBytes} with a message that names it. */
    public static TextFile read(PathGuard guard, Path file, String shownAs, long maxBytes) throws IOException {
        FileBytes.Loaded loaded = FileBytes.read(guard, file, maxBytes);
        if (loaded.tooLarge()) {
            throw new ToolException("'" + shownAs + "' is " + loaded.size() + " bytes, more than the " + maxBytes
                    + " bytes a file may have to be read whole or rewritten (setting maxFileBytes)");
        }
        return decode(loaded.bytes());
    }

    public static TextFile decode(byte[] bytes) {
        if (isAscii(bytes)) {
            // The common case, and the cheapest decode: every charset here reads ASCII the same.
            return new TextFile(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        Charset charset = bomCharset(bytes);
        if (charset != null) {
            return new TextFile(new String(bytes, charset), charset);
        }
        String utf8 = strictUtf8(bytes);
        return utf8 != null ? new TextFile(utf8, StandardCharsets.UTF_8)
                : new TextFile(new String(bytes, StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }

    /** The bytes as UTF-8, or null when they are not UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * UTF-16 by its mark, else null: Java's UTF-16LE/BE decoders keep the mark as U+FEFF, so encoding gives it
     * back. UTF-8's mark is kept the same way by the plain UTF-8 decoder.
     */
    public static Charset bomCharset(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    public static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** True when the start of a file (its first {@link #BINARY_PROBE} bytes or fewer) holds a NUL, unless UTF-16. */
    public static boolean looksBinary(byte[] start) {
        int length = Math.min(start.length, BINARY_PROBE);
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

    public String text() {
        return text;
    }

    public Charset charset() {
        return charset;
    }

    public byte[] encode(String content) {
        return content.getBytes(charset);
    }

    /** True when the text's lines end with CRLF (more CRLF than bare LF). */
    public static boolean usesCrlf(String text) {
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

    // ---- reads of an open file, as UTF-8 ----

    /** The whole file as UTF-8 (bytes that are not UTF-8 replaced), refused past {@code maxBytes}. */
    public static String readWhole(SeekableByteChannel file, String shownAs, long maxBytes) throws IOException {
        return new String(all(file, shownAs, maxBytes), StandardCharsets.UTF_8);
    }

    /** A whole read that refuses bytes that are not UTF-8, for edits that must not corrupt what they do not touch. */
    public static String readStrict(SeekableByteChannel file, String shownAs, long maxBytes) throws IOException {
        String text = strictUtf8(all(file, shownAs, maxBytes));
        if (text == null) {
            throw new ToolException("'" + shownAs + "' is not UTF-8 text; editing it would corrupt it");
        }
        return text;
    }

    private static byte[] all(SeekableByteChannel file, String shownAs, long maxBytes) throws IOException {
        long size = file.size();
        if (size > maxBytes) {
            throw new ToolException("'" + shownAs + "' is " + Sizes.format(size) + ", more than the "
                    + Sizes.format(maxBytes) + " a whole read may return; read part of it with head, tail or "
                    + "startLine/endLine");
        }
        return Channels.newInputStream(file).readAllBytes();
    }

    public static String head(SeekableByteChannel file, int lines) throws IOException {
        return lineRange(file, 1, lines);
    }

    /** The last lines, read backwards from the end so that a huge file costs only what is returned. */
    public static String tail(SeekableByteChannel file, int lines) throws IOException {
        long position = file.size();
        if (position == 0) {
            return "";
        }
        int newlines = 0;
        byte[] chunk = new byte[8192];
        Deque<byte[]> chunks = new ArrayDeque<>();
        // One more newline than lines wanted, since the file usually ends with one.
        while (position > 0 && newlines <= lines) {
            int size = (int) Math.min(chunk.length, position);
            position -= size;
            file.position(position);
            ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, size);
            while (buffer.hasRemaining() && file.read(buffer) >= 0) {
                // fill the chunk
            }
            byte[] copy = Arrays.copyOf(chunk, size);
            chunks.addFirst(copy);
            for (byte b : copy) {
                if (b == '\n') {
                    newlines++;
                }
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] c : chunks) {
            all.write(c);
        }
        String text = all.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
        // The newline that ends the last line does not start another one.
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        String[] split = text.split("\n", -1);
        int from = Math.max(0, split.length - lines);
        return String.join("\n", Arrays.asList(split).subList(from, split.length));
    }

    /** Lines {@code start..end} (1-based, inclusive; end past the file's end is fine), joined with \n. */
    public static String lineRange(SeekableByteChannel file, int start, int end) throws IOException {
        List<String> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(Channels.newReader(file, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while (n < end && (line = reader.readLine()) != null) {
                n++;
                if (n >= start) {
                    result.add(line);
                }
            }
        }
        return String.join("\n", result);
    }
}
