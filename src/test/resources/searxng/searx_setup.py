# Writes a searx settings.yml and two offline sqlite engines with overlapping data into a directory, so that a real
# searx (Debian's package, searx 1.1) answers the SearXNG API on 127.0.0.1 without any network.
#   /usr/bin/python3 searx_setup.py DIR PORT [PAGE_BASE]
# Same data as src/test/java/dev/mcpbridge/searxng/SearxServer.java: "camel" finds https://example.org/camel in
# both alpha and beta (one aggregated result) and https://example.org/other in beta only; the engine "broken"
# (category "it") always fails. With PAGE_BASE (e.g. http://127.0.0.1:PORT/page) the result URLs are PAGE_BASE/camel
# and so on instead, for tests that also read the pages.
import sqlite3
import sys

import yaml

d = sys.argv[1]
port = int(sys.argv[2])
base = sys.argv[3] if len(sys.argv) > 3 else "https://example.org"
data = {
    "alpha": [("Camel routes", f"{base}/camel", "Apache Camel routes in YAML"),
              ("Bridge", f"{base}/bridge", "MCP bridge written in Java")],
    "beta": [("Camel YAML DSL", f"{base}/camel", "Camel YAML DSL routes guide"),
             ("Other", f"{base}/other", "Other camel notes")]}
for name, rows in data.items():
    c = sqlite3.connect(f"{d}/{name}.db")
    c.execute("create table docs(title text, url text, content text)")
    c.executemany("insert into docs values (?,?,?)", rows)
    c.commit()
    c.close()
s = yaml.safe_load(open("/usr/share/doc/searx/examples/settings.yml"))
s.pop("use_default_settings", None)
s["server"].update({"port": port, "bind_address": "127.0.0.1", "secret_key": "test-only",
                    "limiter": False, "image_proxy": False})
s["search"]["formats"] = ["html", "json"]
s["search"]["autocomplete"] = ""
q = "SELECT title, url, content FROM docs WHERE content LIKE '%' || :query || '%'"
s["engines"] = [
    {"name": "alpha", "engine": "sqlite", "shortcut": "al", "database": f"{d}/alpha.db", "query_str": q,
     "result_template": "key-value.html", "categories": "general"},
    {"name": "beta", "engine": "sqlite", "shortcut": "be", "database": f"{d}/beta.db", "query_str": q,
     "result_template": "key-value.html", "categories": "general"},
    {"name": "broken", "engine": "sqlite", "shortcut": "br", "database": f"{d}/missing.db",
     "query_str": "SELECT title, url, content FROM nothing WHERE content LIKE :query",
     "result_template": "key-value.html", "categories": "it"}]
yaml.safe_dump(s, open(f"{d}/settings.yml", "w"))
