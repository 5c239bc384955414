package dev.mcpbridge.filesystem;

import dev.mcpbridge.core.spi.ToolException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reading text files whole or in part, within a size cap. Line endings are normalised to \n. Files are read from
 * an open channel (opened by handle, see {@code HeldFiles}), never reopened by path.
 */
final class TextFiles {

    private TextFiles() {
    }

    static String readWhole(SeekableByteChannel file, String shownAs, long maxBytes) throws IOException {
        long size = file.size();
        if (size > maxBytes) {
            throw new ToolException("'" + shownAs + "' is " + Sizes.format(size) + ", more than the "
                    + Sizes.format(maxBytes) + " a whole read may return; read part of it with head, tail or "
                    + "startLine/endLine");
        }
        return new String(all(file), StandardCharsets.UTF_8);
    }

    private static byte[] all(SeekableByteChannel file) throws IOException {
        return Channels.newInputStream(file).readAllBytes();
    }

    /** A whole read that refuses bytes that are not UTF-8, for edits that must not corrupt what they do not touch. */
    static String readStrict(SeekableByteChannel file, String shownAs, long maxBytes) throws IOException {
        long size = file.size();
        if (size > maxBytes) {
            return readWhole(file, shownAs, maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(all(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ToolException("'" + shownAs + "' is not UTF-8 text; editing it would corrupt it");
        }
    }

    static String head(SeekableByteChannel file, int lines) throws IOException {
        List<String> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(Channels.newReader(file, StandardCharsets.UTF_8))) {
            String line;
            while (result.size() < lines && (line = reader.readLine()) != null) {
                result.add(line);
            }
        }
        return String.join("\n", result);
    }

    /** The last lines, read backwards from the end so that a huge file costs only what is returned. */
    static String tail(SeekableByteChannel raf, int lines) throws IOException {
        {
            long position = raf.size();
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
                raf.position(position);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, size);
                while (buffer.hasRemaining() && raf.read(buffer) >= 0) {
                    // fill the chunk
                }
                byte[] copy = java.util.Arrays.copyOf(chunk, size);
                chunks.addFirst(copy);
                for (byte b : copy) {
                    if (b == '\n') {
                        newlines++;
                    }
                }
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
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
            return String.join("\n", java.util.Arrays.asList(split).subList(from, split.length));
        }
    }

    /** Lines {@code start..end} (1-based, inclusive; end past the file's end is fine). */
    static String lineRange(SeekableByteChannel file, int start, int end) throws IOException {
        List<String> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(Channels.newReader(file, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null && n < end) {
                n++;
                if (n >= start) {
                    result.add(line);
                }
            }
        }
        return String.join("\n", result);
    }

    /** A file is taken as binary when its first 8 KiB hold a NUL byte, as grep and git do. */
    static boolean looksBinary(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(8192);
            for (byte b : start) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
