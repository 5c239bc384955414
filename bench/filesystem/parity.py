#!/usr/bin/env python3
"""Parity check: mcp-bridge's filesystem adapter against @modelcontextprotocol/server-filesystem (stdlib only).

Builds a small fixed tree twice (/tmp/fsparity/ours/tree and /tmp/fsparity/theirs/tree, plus an `outside`
directory and a prefix sibling `tree2` next to each), starts each server on its own copy, makes the same calls in
the same order on both, and compares content, structuredContent and isError after replacing each copy's root with
<ROOT> (and its outside directory with <OUT>). Ends with a comparison of the two trees on disk (so writes that
answered alike but did different things are caught) and of tools/list for the common tools.

    python3 parity.py [--jar JAR] [--work DIR] [--verbose]

The jar comes from --jar, else $MCP_BRIDGE_JAR, else target/mcp-bridge.jar. A report: always exits 0.
The table goes to stdout, to bench/filesystem/work/parity-table.md and to the generated section of PARITY.md (unless
--no-write); every case with both raw answers goes to bench/filesystem/work/parity-details.txt.
"""
import argparse
import difflib
import hashlib
import json
import os
import re
import shutil
import struct
import sys
import zlib
from datetime import datetime, timezone

sys.dont_write_bytecode = True  # no __pycache__ in bench/filesystem
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mcpclient import (HERE, RpcError, Session, jar_path, official_server, official_version, ours_argv,  # noqa: E402
                       theirs_argv)

UNICODE_NAME = "my file ü 名.txt"


# ---------------------------------------------------------------------------------------------------------------
# The fixture


def png_bytes():
    """A valid 2x2 RGB PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    raw = b"".join(b"\x00" + bytes([255, 0, 0, 0, 255, 0]) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


FILES = {
    "notes.txt": "".join("line %d: %s\n" % (i, w) for i, w in enumerate(
        ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"], 1)),
    "nonl.txt": "first\nsecond\nthird",
    "crlf.txt": "one\r\ntwo\r\nthree\r\n",
    "dup.txt": "x = 1\ny = 2\nx = 1\n",
    "empty.txt": "",
    ".hidden.txt": "hidden\n",
    UNICODE_NAME: "unicode name\nzweite Zeile ä\n三行目\n",
    "code/app.py": "def main():\n    if True:\n        print('hello')\n        return 1\n\n\nmain()\n",
    "code/util.js": "export function add(a, b) {\n  return a + b;\n}\n",
    "docs/readme.md": "# Readme\n\nSome `code` here.\n",
    "docs/guide.txt": "guide line 1\nguide line 2\n",
    "docs/deep/a/b/leaf.txt": "leaf\n",
    "docs/deep/a/b/leaf.md": "# leaf\n",
}
BINARY = {
    "image.png": png_bytes(),
    "sound.wav": b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(20),
    "data.bin": b"\x00\x01\x02\xff\xfe binary\n\x00",
}


def build_tree(base):
    """base/tree (served), base/tree2 (a prefix sibling), base/outside."""
    if os.path.exists(base):
        shutil.rmtree(base)
    root = os.path.join(base, "tree")
    for rel, text in FILES.items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    for rel, data in BINARY.items():
        with open(os.path.join(root, rel), "wb") as f:
            f.write(data)
    os.makedirs(os.path.join(root, "empty_dir"))
    os.symlink("notes.txt", os.path.join(root, "link_to_notes.txt"))
    os.symlink("docs", os.path.join(root, "link_dir"))
    for other in ("outside", "tree2"):
        os.makedirs(os.path.join(base, other))
        with open(os.path.join(base, other, "secret.txt"), "w") as f:
            f.write("secret\n")
    # Fixed times, so that get_file_info can be compared too (birth time cannot be set; it stays 'now').
    t = 1700000000
    for dirpath, dirnames, filenames in os.walk(root):
        for n in filenames + dirnames:
            os.utime(os.path.join(dirpath, n), (t, t), follow_symlinks=False)
    return os.path.realpath(root), os.path.realpath(os.path.join(base, "outside"))


def add_escape_links(root, out):
    os.symlink(os.path.join(out, "secret.txt"), os.path.join(root, "escape_file"))
    os.symlink(out, os.path.join(root, "escape_dir"))
    os.symlink(os.path.join(root, "nothing-here"), os.path.join(root, "dangling"))


def tree_state(root, out):
    """Every entry below root: kind and content hash / link target, with root and outside replaced."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in sorted(dirnames + filenames):
            p = os.path.join(dirpath, n)
            rel = os.path.relpath(p, root)
            if os.path.islink(p):
                state[rel] = "link -> " + os.readlink(p).replace(out, "<OUT>").replace(root, "<ROOT>")
            elif os.path.isdir(p):
                state[rel] = "dir"
            else:
                with open(p, "rb") as f:
                    state[rel] = "file %s" % hashlib.sha1(f.read()).hexdigest()[:12]
    return state


# ---------------------------------------------------------------------------------------------------------------
# The cases: (case id, tool, arguments with {R} = the copy's root and {OUT} = its outside directory, known tag).
# Known tags name a documented deliberate difference (see PARITY.md); a case only gets that status if it does
# differ in exactly that way.

SETUP_ESCAPE = "SETUP_ESCAPE"

CASES = [
    ("list_allowed_directories", "list_allowed_directories", {}, None),
    # read_text_file
    ("read_text_file plain (absolute)", "read_text_file", {"path": "{R}/notes.txt"}, None),
    ("read_text_file plain (relative)", "read_text_file", {"path": "notes.txt"}, None),
    ("read_text_file head=3", "read_text_file", {"path": "{R}/notes.txt", "head": 3}, None),
    ("read_text_file tail=3 (file ends with \\n)", "read_text_file", {"path": "{R}/notes.txt", "tail": 3}, None),
    ("read_text_file head=100 (> lines)", "read_text_file", {"path": "{R}/notes.txt", "head": 100}, None),
    ("read_text_file tail=100 (> lines)", "read_text_file", {"path": "{R}/notes.txt", "tail": 100}, None),
    ("read_text_file head=2 (no final \\n)", "read_text_file", {"path": "{R}/nonl.txt", "head": 2}, None),
    ("read_text_file tail=2 (no final \\n)", "read_text_file", {"path": "{R}/nonl.txt", "tail": 2}, None),
    ("read_text_file CRLF plain", "read_text_file", {"path": "{R}/crlf.txt"}, None),
    ("read_text_file CRLF head=2", "read_text_file", {"path": "{R}/crlf.txt", "head": 2}, None),
    ("read_text_file CRLF tail=2", "read_text_file", {"path": "{R}/crlf.txt", "tail": 2}, None),
    ("read_text_file empty file", "read_text_file", {"path": "{R}/empty.txt"}, None),
    ("read_text_file unicode+space name", "read_text_file", {"path": "{R}/" + UNICODE_NAME}, None),
    ("read_text_file through inside symlink", "read_text_file", {"path": "{R}/link_to_notes.txt"}, None),
    ("read_text_file through symlinked dir", "read_text_file", {"path": "{R}/link_dir/guide.txt"}, None),
    ("read_text_file binary (NUL, invalid UTF-8)", "read_text_file", {"path": "{R}/data.bin"}, None),
    ("read_text_file head=0", "read_text_file", {"path": "{R}/notes.txt", "head": 0}, None),
    ("read_text_file tail=0", "read_text_file", {"path": "{R}/notes.txt", "tail": 0}, None),
    ("read_text_file head+tail -> error", "read_text_file", {"path": "{R}/notes.txt", "head": 1, "tail": 1}, "error"),
    ("read_text_file missing file -> error", "read_text_file", {"path": "{R}/missing.txt"}, "error"),
    ("read_text_file a directory -> error", "read_text_file", {"path": "{R}/docs"}, "error"),
    ("read_text_file outside (absolute) -> error", "read_text_file", {"path": "{OUT}/secret.txt"}, "error"),
    ("read_text_file outside (../) -> error", "read_text_file", {"path": "{R}/../outside/secret.txt"}, "error"),
    ("read_text_file outside (relative ../) -> error", "read_text_file", {"path": "../outside/secret.txt"}, "error"),
    ("read_text_file prefix sibling tree2 -> error", "read_text_file", {"path": "{R}2/secret.txt"}, "error"),
    ("read_text_file NUL in path -> error", "read_text_file", {"path": "{R}/notes.txt\u0000.md"}, "error"),
    ("read_text_file no path -> error", "read_text_file", {}, "error"),
    ("read_text_file head is a string -> error", "read_text_file", {"path": "{R}/notes.txt", "head": "2"}, "error"),
    ("unknown tool -> error", "no_such_tool", {"path": "{R}/notes.txt"}, "error"),
    # read_file (deprecated alias)
    ("read_file plain", "read_file", {"path": "{R}/notes.txt"}, None),
    ("read_file tail=2", "read_file", {"path": "{R}/notes.txt", "tail": 2}, None),
    ("read_file outside -> error", "read_file", {"path": "{OUT}/secret.txt"}, "error"),
    # read_media_file
    ("read_media_file PNG", "read_media_file", {"path": "{R}/image.png"}, None),
    ("read_media_file WAV", "read_media_file", {"path": "{R}/sound.wav"}, None),
    ("read_media_file other (resource)", "read_media_file", {"path": "{R}/data.bin"}, None),
    ("read_media_file unicode+space name (resource URI)", "read_media_file", {"path": "{R}/" + UNICODE_NAME}, None),
    ("read_media_file missing -> error", "read_media_file", {"path": "{R}/missing.png"}, "error"),
    ("read_media_file outside -> error", "read_media_file", {"path": "{OUT}/secret.txt"}, "error"),
    # read_multiple_files
    ("read_multiple_files incl. bad paths", "read_multiple_files",
     {"paths": ["{R}/notes.txt", "{R}/" + UNICODE_NAME, "{R}/missing.txt", "nonl.txt"]}, "error-text"),
    ("read_multiple_files incl. outside path", "read_multiple_files",
     {"paths": ["{R}/notes.txt", "{OUT}/secret.txt"]}, "error-text"),
    ("read_multiple_files [] -> error", "read_multiple_files", {"paths": []}, "error"),
    # list_directory
    ("list_directory root", "list_directory", {"path": "{R}"}, None),
    ("list_directory docs", "list_directory", {"path": "{R}/docs"}, None),
    ("list_directory symlinked dir", "list_directory", {"path": "{R}/link_dir"}, None),
    ("list_directory empty dir", "list_directory", {"path": "{R}/empty_dir"}, None),
    ("list_directory a file -> error", "list_directory", {"path": "{R}/notes.txt"}, "error"),
    ("list_directory missing -> error", "list_directory", {"path": "{R}/nope"}, "error"),
    ("list_directory outside -> error", "list_directory", {"path": "{OUT}"}, "error"),
    # list_directory_with_sizes
    ("list_directory_with_sizes name", "list_directory_with_sizes", {"path": "{R}"}, None),
    ("list_directory_with_sizes sortBy=name", "list_directory_with_sizes", {"path": "{R}", "sortBy": "name"}, None),
    ("list_directory_with_sizes sortBy=size", "list_directory_with_sizes", {"path": "{R}", "sortBy": "size"}, None),
    ("list_directory_with_sizes docs", "list_directory_with_sizes", {"path": "{R}/docs"}, None),
    ("list_directory_with_sizes sortBy=bad -> error", "list_directory_with_sizes",
     {"path": "{R}", "sortBy": "date"}, "error"),
    # directory_tree
    ("directory_tree root", "directory_tree", {"path": "{R}"}, None),
    ("directory_tree docs", "directory_tree", {"path": "{R}/docs"}, None),
    ("directory_tree exclude [docs]", "directory_tree", {"path": "{R}", "excludePatterns": ["docs"]}, None),
    ("directory_tree exclude [**/*.txt]", "directory_tree", {"path": "{R}", "excludePatterns": ["**/*.txt"]}, None),
    ("directory_tree exclude [*.md, code]", "directory_tree",
     {"path": "{R}", "excludePatterns": ["*.md", "code"]}, None),
    ("directory_tree exclude [deep/a]", "directory_tree",
     {"path": "{R}/docs", "excludePatterns": ["deep/a"]}, None),
    ("directory_tree relative path 'docs'", "directory_tree", {"path": "docs"}, None),
    ("directory_tree outside -> error", "directory_tree", {"path": "{OUT}"}, "error"),
    # search_files
    ("search_files '*.txt'", "search_files", {"path": "{R}", "pattern": "*.txt"}, None),
    ("search_files '**/*.txt'", "search_files", {"path": "{R}", "pattern": "**/*.txt"}, None),
    ("search_files '**/leaf.*'", "search_files", {"path": "{R}", "pattern": "**/leaf.*"}, None),
    ("search_files 'docs' (a dir name)", "search_files", {"path": "{R}", "pattern": "docs"}, None),
    ("search_files '*.md' in docs", "search_files", {"path": "{R}/docs", "pattern": "*.md"}, None),
    ("search_files '**/*' (everything)", "search_files", {"path": "{R}", "pattern": "**/*"}, None),
    ("search_files '**/*.txt' exclude [docs/**]", "search_files",
     {"path": "{R}", "pattern": "**/*.txt", "excludePatterns": ["docs/**"]}, None),
    ("search_files '**/*.txt' exclude [docs]", "search_files",
     {"path": "{R}", "pattern": "**/*.txt", "excludePatterns": ["docs"]}, None),
    ("search_files no match", "search_files", {"path": "{R}", "pattern": "*.xyz"}, None),
    ("search_files outside -> error", "search_files", {"path": "{OUT}", "pattern": "*"}, "error"),
    # get_file_info
    ("get_file_info file", "get_file_info", {"path": "{R}/notes.txt"}, "times"),
    ("get_file_info dir", "get_file_info", {"path": "{R}/docs"}, "times"),
    ("get_file_info symlink", "get_file_info", {"path": "{R}/link_to_notes.txt"}, "times"),
    ("get_file_info missing -> error", "get_file_info", {"path": "{R}/missing"}, "error"),
    # write_file
    ("write_file new", "write_file", {"path": "{R}/new.txt", "content": "brand new\nfile\n"}, None),
    ("read back new.txt", "read_text_file", {"path": "{R}/new.txt"}, None),
    ("write_file overwrite", "write_file", {"path": "{R}/nonl.txt", "content": "replaced"}, None),
    ("read back nonl.txt", "read_text_file", {"path": "{R}/nonl.txt"}, None),
    ("write_file relative path", "write_file", {"path": "rel.txt", "content": "relative\n"}, None),
    ("write_file through symlinked dir", "write_file", {"path": "{R}/link_dir/via_link.txt", "content": "v\n"}, None),
    ("write_file missing parent -> error", "write_file", {"path": "{R}/nope/x.txt", "content": "x"}, "error"),
    ("write_file outside -> error", "write_file", {"path": "{OUT}/x.txt", "content": "x"}, "error"),
    ("write_file onto a directory -> error", "write_file", {"path": "{R}/empty_dir", "content": "x"}, "error"),
    # edit_file
    ("edit_file dryRun exact", "edit_file",
     {"path": "{R}/notes.txt", "edits": [{"oldText": "line 2: bravo", "newText": "line 2: BRAVO"}],
      "dryRun": True}, None),
    ("edit_file real exact", "edit_file",
     {"path": "{R}/notes.txt", "edits": [{"oldText": "line 2: bravo", "newText": "line 2: BRAVO"}]}, None),
    ("read back notes.txt", "read_text_file", {"path": "{R}/notes.txt"}, None),
    ("edit_file whitespace-tolerant", "edit_file",
     {"path": "{R}/code/app.py", "edits": [{"oldText": "if True:\n  print('hello')\n  return 1",
                                           "newText": "if False:\n    print('bye')\n    return 2"}]}, None),
    ("read back app.py", "read_text_file", {"path": "{R}/code/app.py"}, None),
    ("edit_file two edits", "edit_file",
     {"path": "{R}/notes.txt", "edits": [{"oldText": "alpha", "newText": "ALPHA"},
                                        {"oldText": "line 10: juliet", "newText": "line 10: juliet\nline 11: kilo"}]},
     None),
    ("edit_file newText with ```", "edit_file",
     {"path": "{R}/docs/readme.md", "edits": [{"oldText": "Some `code` here.", "newText": "```\nblock\n```"}],
      "dryRun": True}, None),
    ("edit_file file without final \\n (dryRun)", "edit_file",
     {"path": "{R}/nonl.txt", "edits": [{"oldText": "replaced", "newText": "changed"}], "dryRun": True}, None),
    ("edit_file last line of file with final \\n (dryRun)", "edit_file",
     {"path": "{R}/dup.txt", "edits": [{"oldText": "y = 2", "newText": "y = 3"}], "dryRun": True}, None),
    ("edit_file no match -> error", "edit_file",
     {"path": "{R}/notes.txt", "edits": [{"oldText": "not there", "newText": "x"}]}, "error"),
    ("edit_file ambiguous (dryRun)", "edit_file",
     {"path": "{R}/dup.txt", "edits": [{"oldText": "x = 1", "newText": "x = 9"}], "dryRun": True}, "ambiguous"),
    ("edit_file relative path (dryRun)", "edit_file",
     {"path": "code/util.js", "edits": [{"oldText": "a + b", "newText": "b + a"}], "dryRun": True}, "diffpath"),
    ("edit_file outside -> error", "edit_file",
     {"path": "{OUT}/secret.txt", "edits": [{"oldText": "secret", "newText": "x"}]}, "error"),
    # create_directory
    ("create_directory nested new", "create_directory", {"path": "{R}/made/a/b"}, None),
    ("create_directory existing", "create_directory", {"path": "{R}/docs"}, None),
    ("create_directory over a file -> error", "create_directory", {"path": "{R}/notes.txt"}, "error"),
    ("create_directory outside -> error", "create_directory", {"path": "{OUT}/newdir"}, "error"),
    ("list_directory made", "list_directory", {"path": "{R}/made"}, None),
    # move_file
    ("move_file ok", "move_file", {"source": "{R}/new.txt", "destination": "{R}/made/new-moved.txt"}, None),
    ("move_file dest exists -> error", "move_file", {"source": "{R}/dup.txt", "destination": "{R}/notes.txt"},
     "error"),
    ("move_file missing source -> error", "move_file", {"source": "{R}/missing", "destination": "{R}/m2"}, "error"),
    ("move_file dest outside -> error", "move_file", {"source": "{R}/dup.txt", "destination": "{OUT}/dup.txt"},
     "error"),
    ("move_file directory", "move_file", {"source": "{R}/made/a", "destination": "{R}/made_a"}, None),
    ("directory_tree root after writes", "directory_tree", {"path": "{R}"}, None),
    # links that point out of the sandbox (added to both copies now)
    (SETUP_ESCAPE, None, None, None),
    ("read_text_file symlink to outside -> error", "read_text_file", {"path": "{R}/escape_file"}, "error"),
    ("list_directory symlinked dir outside -> error", "list_directory", {"path": "{R}/escape_dir"}, "error"),
    ("write_file into symlinked dir outside -> error", "write_file",
     {"path": "{R}/escape_dir/x.txt", "content": "x"}, "error"),
    ("write_file onto dangling symlink -> error", "write_file", {"path": "{R}/dangling", "content": "x"}, "error"),
    ("get_file_info symlink to outside -> error", "get_file_info", {"path": "{R}/escape_file"}, "error"),
    ("list_directory root with outside links", "list_directory", {"path": "{R}"}, None),
    ("directory_tree root with outside links", "directory_tree", {"path": "{R}"}, None),
    ("search_files '**/*' with outside links", "search_files", {"path": "{R}", "pattern": "**/*"}, None),
    ("list_directory_with_sizes with outside links", "list_directory_with_sizes", {"path": "{R}"}, None),
    # last, because the two servers leave different trees behind (see the tree-state check)
    ("move_file a symlink", "move_file", {"source": "{R}/link_to_notes.txt", "destination": "{R}/moved_link.txt"},
     None),
    ("list_directory_with_sizes after moving a symlink", "list_directory_with_sizes", {"path": "{R}"}, None),
]


def expand(value, root, out):
    if isinstance(value, str):
        return value.replace("{OUT}", out).replace("{R}", root)
    if isinstance(value, list):
        return [expand(v, root, out) for v in value]
    if isinstance(value, dict):
        return {k: expand(v, root, out) for k, v in value.items()}
    return value


def normalise(value, root, out):
    """Replaces the copy's paths (also percent-encoded, as in file: URIs) with placeholders."""
    if isinstance(value, str):
        return value.replace(out, "<OUT>").replace(root, "<ROOT>")
    if isinstance(value, list):
        return [normalise(v, root, out) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v, root, out) for k, v in value.items()}
    return value


class Answer:
    def __init__(self, raw, root, out):
        self.raw = raw
        if isinstance(raw, RpcError):
            self.kind = "rpc-error"
            self.is_error = True
            self.content = None
            self.structured = None
            self.text = "JSON-RPC error %s: %s%s" % (raw.error.get("code"), raw.error.get("message"),
                                                      (" (" + str(raw.error.get("data")) + ")")
                                                      if raw.error.get("data") else "")
        elif isinstance(raw, Exception):
            self.kind = "failure"
            self.is_error = True
            self.content = self.structured = None
            self.text = "%s: %s" % (type(raw).__name__, raw)
        else:
            self.kind = "result"
            self.is_error = bool(raw.get("isError"))
            self.content = normalise(raw.get("content"), root, out)
            self.structured = normalise(raw.get("structuredContent"), root, out)
            self.text = "\n".join(c.get("text", "<%s block>" % c.get("type")) for c in (self.content or []))
        self.text = normalise(self.text, root, out)


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def visible(s):
    """Control characters (a NUL from the NUL-byte case, a CR) shown as escapes, so the report stays text."""
    return CONTROL.sub(lambda m: "\\x%02x" % ord(m.group()), s)


def short(s, n=160):
    s = visible(s).replace("\n", "⏎")
    return s if len(s) <= n else s[:n] + "…"


def text_diff(a, b, limit=14):
    vis = lambda x: [visible(l.replace("\r", "\\r")) for l in x.split("\n")]  # noqa: E731 - show CRs
    lines = list(difflib.unified_diff(vis(a), vis(b), "ours", "theirs", n=1, lineterm=""))
    if len(lines) > limit:
        lines = lines[:limit] + ["… (%d more diff lines)" % (len(lines) - limit)]
    return "\n".join(lines)


JS_DATE = re.compile(r"^\w{3} (\w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})")


def parse_time(s):
    s = s.strip()
    m = JS_DATE.match(s)
    if m:
        return datetime.strptime(m.group(1) + " " + m.group(2), "%b %d %Y %H:%M:%S %z").timestamp()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def info_fields(text):
    return dict(line.split(": ", 1) for line in text.split("\n") if ": " in line)


WRITES = ("write_file", "edit_file", "create_directory", "move_file")
LISTINGS = ("list_directory", "list_directory_with_sizes", "directory_tree", "search_files")


def compare(case_id, tag, ours, theirs, args_path=None, tool=None):
    """-> (status, note). status: same | same (both errors) | deliberate | differs."""
    if ours.is_error or theirs.is_error:
        if ours.is_error and theirs.is_error:
            kinds = "" if ours.kind == theirs.kind else " [ours: %s, theirs: %s]" % (ours.kind, theirs.kind)
            return "same (both errors)", kinds.strip()
        return "differs", "isError ours=%s theirs=%s" % (ours.is_error, theirs.is_error)
    notes = []
    if tag == "times":
        a, b = info_fields(ours.text), info_fields(theirs.text)
        diffs = []
        for k in sorted(set(a) | set(b)):
            if k in ("created", "modified", "accessed"):
                ta, tb = parse_time(a.get(k, "")), parse_time(b.get(k, ""))
                if ta is None or tb is None or abs(ta - tb) > 2:
                    diffs.append("%s: ours %r theirs %r" % (k, a.get(k), b.get(k)))
            elif a.get(k) != b.get(k):
                diffs.append("%s: ours %r theirs %r" % (k, a.get(k), b.get(k)))
        if list(a) != list(b):
            diffs.append("field order/names: ours %s theirs %s" % (list(a), list(b)))
        if diffs:
            return "differs", "; ".join(diffs)
        if ours.text == theirs.text:
            return "same", ""
        return "deliberate", "times ISO-8601 in ours (same instants ±2 s)"
    content_same = ours.content == theirs.content
    structured_same = ours.structured == theirs.structured
    if content_same and structured_same:
        return "same", ""
    if not content_same:
        if ours.text != theirs.text:
            notes.append(text_diff(ours.text, theirs.text))
        else:
            notes.append("content blocks differ: ours %s / theirs %s" % (
                short(json.dumps(ours.content, ensure_ascii=False), 300),
                short(json.dumps(theirs.content, ensure_ascii=False), 300)))
    if not structured_same:
        sc_text_o = (ours.structured or {}).get("content") if isinstance(ours.structured, dict) else None
        sc_text_t = (theirs.structured or {}).get("content") if isinstance(theirs.structured, dict) else None
        if isinstance(sc_text_o, str) and isinstance(sc_text_t, str) and sc_text_o == ours.text \
                and sc_text_t == theirs.text:
            notes.append("structuredContent.content mirrors the text (same difference)")
        else:
            notes.append("structuredContent: ours %s / theirs %s" % (
                short(json.dumps(ours.structured, ensure_ascii=False), 300),
                short(json.dumps(theirs.structured, ensure_ascii=False), 300)))
    if tag == "diffpath":
        # Put the absolute path where ours names the path as given: whatever still differs is not deliberate.
        given = args_path
        a = re.sub(r"^(---|\+\+\+) " + re.escape(given) + "\t", lambda m: m.group(1) + " <ROOT>/" + given + "\t",
                   ours.text, flags=re.M)
        a = re.sub(r"^Index: " + re.escape(given) + "$", "Index: <ROOT>/" + given, a, flags=re.M)
        if a == theirs.text:
            return "deliberate", "diff header names the path as given (ours) vs absolute (theirs)"
        return "differs", ("path as given in the header is deliberate; besides that:\n"
                           + text_diff(a, theirs.text))
    order = order_only(ours.text, theirs.text)
    if order:
        return "differs (order only)", order
    unordered = sorted_diff(ours.text, theirs.text) if tool in LISTINGS else None
    if unordered:
        notes = ["entries differ besides their order; with both sorted:\n" + unordered]
    return "differs", "\n".join(notes)


def sorted_diff(a, b):
    """For listings that also differ in order: the diff of both sorted, so that the real difference shows."""
    try:
        ja, jb = json.loads(a), json.loads(b)
        if isinstance(ja, list) and isinstance(jb, list):
            return text_diff(json.dumps(sort_tree(ja), indent=1, ensure_ascii=False),
                             json.dumps(sort_tree(jb), indent=1, ensure_ascii=False))
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    return text_diff("\n".join(sorted(a.split("\n"))), "\n".join(sorted(b.split("\n"))))


def sort_tree(nodes):
    return sorted(({**n, "children": sort_tree(n["children"])} if "children" in n else n for n in nodes),
                  key=lambda n: n["name"].encode())


def order_only(a, b):
    """A note when a and b hold the same entries in another order (directory listings, trees, search results)."""
    if a == b:
        return None
    try:
        ja, jb = json.loads(a), json.loads(b)
        if isinstance(ja, list) and isinstance(jb, list) and sort_tree(ja) == sort_tree(jb):
            return "same tree, entries in another order (theirs: sorted by name; ours: directory order)"
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    if sorted(a.split("\n")) == sorted(b.split("\n")):
        first = next(i for i, (x, y) in enumerate(zip(a.split("\n"), b.split("\n"))) if x != y)
        return "same lines, another order (first difference at line %d: ours %r, theirs %r)" % (
            first + 1, a.split("\n")[first][:60], b.split("\n")[first][:60])
    return None


def ambiguous_status(ours, theirs):
    if ours.is_error and not theirs.is_error:
        return "deliberate", "ambiguous oldText: error in ours, first match edited in theirs"
    return None


def tools_list_diffs(ours_tools, theirs_tools):
    rows = []
    o = {t["name"]: t for t in ours_tools}
    t = {x["name"]: x for x in theirs_tools}
    only_o = sorted(set(o) - set(t))
    only_t = sorted(set(t) - set(o))
    rows.append(("tools/list names", "same" if not only_t else "differs",
                 ("ours only (extensions): %s" % ", ".join(only_o) if only_o else "")
                 + ("; theirs only: %s" % ", ".join(only_t) if only_t else "")))
    for name in sorted(set(o) & set(t)):
        a, b = o[name], t[name]
        diffs = []
        if a.get("title") != b.get("title"):
            diffs.append("title: ours %r / theirs %r" % (a.get("title"), b.get("title")))
        ann_a = dict(a.get("annotations") or {})
        extra_title = ann_a.get("title") == a.get("title") and "title" not in (b.get("annotations") or {})
        if extra_title:
            ann_a.pop("title")
        if ann_a != (b.get("annotations") or {}):
            diffs.append("annotations: ours %s / theirs %s" % (json.dumps(a.get("annotations")),
                                                                json.dumps(b.get("annotations"))))
        pa = a.get("inputSchema", {}).get("properties", {})
        pb = b.get("inputSchema", {}).get("properties", {})
        if set(pa) != set(pb):
            diffs.append("input properties: ours-only %s theirs-only %s" % (sorted(set(pa) - set(pb)),
                                                                           sorted(set(pb) - set(pa))))
        for prop in sorted(set(pa) & set(pb)):
            ta, tb = pa[prop].get("type"), pb[prop].get("type")
            if ta != tb:
                diffs.append("%s.type: ours %s theirs %s" % (prop, ta, tb))
        ra = sorted(a.get("inputSchema", {}).get("required", []))
        rb = sorted(b.get("inputSchema", {}).get("required", []))
        if ra != rb:
            diffs.append("required: ours %s theirs %s" % (ra, rb))
        if bool(a.get("outputSchema")) != bool(b.get("outputSchema")):
            diffs.append("outputSchema present: ours %s theirs %s" % (bool(a.get("outputSchema")),
                                                                       bool(b.get("outputSchema"))))
        if a.get("description") != b.get("description"):
            diffs.append("description differs")
        status = "differs" if diffs else "same"
        if extra_title:
            diffs.append("ours also repeats the title as annotations.title")
            status = status if status == "differs" else "same (+annotations.title)"
        rows.append(("tools/list " + name, status, "; ".join(diffs)))
    return rows


START, END = "<!-- generated:start -->", "<!-- generated:end -->"


def write_generated(path, generated):
    """Replaces the part of path between the generated markers (the hand-written text around it is kept)."""
    text = open(path).read() if os.path.exists(path) else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + START + "\n" + generated + END + rest.split(END, 1)[1]
    else:
        text += "\n" + START + "\n" + generated + END + "\n"
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jar", default=None)
    ap.add_argument("--work", default="/tmp/fsparity")
    ap.add_argument("--verbose", action="store_true", help="print every case's both answers")
    ap.add_argument("--no-write", action="store_true", help="leave PARITY.md alone")
    opts = ap.parse_args()
    jar = jar_path(opts.jar)
    index_js = official_server()
    if not os.path.exists(jar):
        print("parity: no jar at %s (build it, or pass --jar / MCP_BRIDGE_JAR)" % jar)
        return 0

    sides = {}
    for side in ("ours", "theirs"):
        root, out = build_tree(os.path.join(opts.work, side))
        sides[side] = {"root": root, "out": out}
    # Relative paths must resolve against the served directory, not the bench's cwd: start both in a neutral cwd.
    neutral = os.path.join(opts.work, "cwd")
    os.makedirs(neutral, exist_ok=True)
    sides["ours"]["session"] = Session(ours_argv(jar, [sides["ours"]["root"]]), cwd=neutral, timeout=30)
    sides["theirs"]["session"] = Session(theirs_argv(index_js, [sides["theirs"]["root"]]), cwd=neutral, timeout=30)
    for side in sides.values():
        side["session"].initialize()

    rows = []  # (case, status, note, ours Answer, theirs Answer)
    disk_diffs = {}
    tl = {k: v["session"].request("tools/list")["tools"] for k, v in sides.items()}
    for case_id, tool, args, tag in CASES:
        if case_id == SETUP_ESCAPE:
            for side in sides.values():
                add_escape_links(side["root"], side["out"])
            continue
        answers = {}
        for name, side in sides.items():
            try:
                raw = side["session"].call(tool, expand(args, side["root"], side["out"]))
            except Exception as e:  # noqa: BLE001 - an RpcError or a transport failure is an answer too
                raw = e
            answers[name] = Answer(raw, side["root"], side["out"])
        o, t = answers["ours"], answers["theirs"]
        status, note = compare(case_id, tag, o, t, args.get("path") if isinstance(args, dict) else None, tool)
        if tag == "ambiguous" and status == "differs":
            status, note = ambiguous_status(o, t) or (status, note)
        if tag == "error-text" and not (o.is_error or t.is_error) and status == "differs":
            # read_multiple_files reports per-file errors inline: the wording of the inline error may differ.
            strip = re.compile(r"^(.*?: Error - ).*$", re.M)
            if strip.sub(r"\1<message>", o.text) == strip.sub(r"\1<message>", t.text):
                status, note = "deliberate", "inline error wording differs:\n" + text_diff(o.text, t.text)
        if tool in WRITES:
            # Same answer is not enough for a writing tool: did it do the same thing on disk?
            so_, st_ = (tree_state(v["root"], v["out"]) for v in (sides["ours"], sides["theirs"]))
            now = {p: (so_.get(p, "(absent)"), st_.get(p, "(absent)")) for p in set(so_) | set(st_)
                   if so_.get(p) != st_.get(p)}
            new = {p: v for p, v in now.items() if disk_diffs.get(p) != v}
            disk_diffs = now
            if new:
                status = "differs (on disk)" if status.startswith("same") else status + " + on disk"
                note = ((note + "\n") if note else "") + "on disk afterwards: " + "; ".join(
                    "%s: ours %s / theirs %s" % (p, a, b) for p, (a, b) in sorted(new.items()))
        rows.append((case_id, status, note, o, t))

    state = {k: tree_state(v["root"], v["out"]) for k, v in sides.items()}
    so, st = state["ours"], state["theirs"]
    state_diffs = ["%s: ours %s / theirs %s" % (p, so.get(p, "(absent)"), st.get(p, "(absent)"))
                   for p in sorted(set(so) | set(st)) if so.get(p) != st.get(p)]
    for side in sides.values():
        side["session"].close()
    tl_rows = tools_list_diffs(tl["ours"], tl["theirs"])
    # Nothing may have been read into or written outside the served tree: outside/, tree2/ and the servers' cwd.
    touched = []
    for name, side in sides.items():
        base = os.path.dirname(side["root"])
        for other in ("outside", "tree2"):
            d = os.path.join(base, other)
            entries = sorted(os.listdir(d))
            with open(os.path.join(d, "secret.txt")) as f:
                content = f.read()
            if entries != ["secret.txt"] or content != "secret\n":
                touched.append("%s: %s/ now holds %s" % (name, other, entries))
    if os.listdir(neutral):
        touched.append("the servers' working directory now holds %s" % sorted(os.listdir(neutral)))

    # ---- report ----
    counts = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    out_lines = []
    w = out_lines.append
    w("Parity: mcp-bridge (%s) vs server-filesystem %s — %s" % (jar, official_version(index_js),
                                                              datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")))
    w("%d cases: %s" % (len(rows), ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items()))))
    w("")
    w("| # | tool / case | result | note (for errors: ours ‖ theirs) |")
    w("|---:|---|---|---|")
    for i, (case_id, status, note, o, t) in enumerate(rows, 1):
        if o.is_error or t.is_error:
            note = ((note + " — ") if note else "") + "ours: %s ‖ theirs: %s" % (short(o.text, 140), short(t.text, 140))
        cell = note.replace("|", "\\|").replace("\n", "<br>")
        w("| %d | %s | %s | %s |" % (i, case_id.replace("|", "\\|"), status, cell))
    w("")
    w("Outside the served tree (outside/, the prefix sibling tree2/, the servers' working directory): %s." % (
        "untouched by both servers" if not touched else "CHANGED: " + "; ".join(touched)))
    w("")
    w("Tree state after all calls: %s" % ("identical (%d entries)" % len(so) if not state_diffs
                                          else "DIFFERS in %d entries" % len(state_diffs)))
    for d in state_diffs:
        w("- " + d)
    w("")
    w("| tools/list | result | note |")
    w("|---|---|---|")
    for name, status, note in tl_rows:
        w("| %s | %s | %s |" % (name, status, note.replace("|", "\\|")))
    report = "\n".join(out_lines) + "\n"
    print(report)

    work = os.path.join(HERE, "work")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, "parity-table.md"), "w") as f:
        f.write(report)
    with open(os.path.join(work, "parity-details.txt"), "w") as f:
        for i, (case_id, status, note, o, t) in enumerate(rows, 1):
            f.write("=== %d. %s — %s\n" % (i, case_id, status))
            if note:
                f.write(note + "\n")
            for label, a in (("ours", o), ("theirs", t)):
                raw = a.raw if not isinstance(a.raw, Exception) else {"exception": str(a.raw)}
                f.write("--- %s (isError=%s):\n%s\n" % (label, a.is_error,
                                                       normalise(json.dumps(raw, ensure_ascii=False, indent=1)[:4000],
                                                                 sides[label]["root"], sides[label]["out"])))
            f.write("\n")
    if not opts.no_write:
        write_generated(os.path.join(HERE, "PARITY.md"), report)
    if opts.verbose:
        with open(os.path.join(work, "parity-details.txt")) as f:
            print(f.read())
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - a report: never a failing exit
        import traceback
        traceback.print_exc()
        print("parity: aborted: %s" % e)
    sys.exit(0)
