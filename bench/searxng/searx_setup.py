# Writes a searx settings.yml and two offline sqlite engines with overlapping data for the benchmark, so that a real
# searx (Debian's package, searx 1.1, run with /usr/bin/python3) answers the SearXNG API on 127.0.0.1 offline.
#   /usr/bin/python3 searx_setup.py DIR PORT
# 360 documents; alpha holds those with i % 5 != 4, beta those with i % 5 != 0 (so 3 in 5 are in both and searx
# merges them into one result with two engines). Every query word of bench.py matches ~60 rows per engine; the
# sqlite engine returns 10 per engine and page, so one search answers 10-20 merged results. Same settings as the
# tests' searx (src/test/resources/searxng/searx_setup.py), without the failing engine.
import sqlite3
import sys

import yaml

WORDS = ["camel", "route", "yaml", "bridge", "java", "search", "engine", "stdio", "cache", "proxy", "json",
         "markdown"]

d = sys.argv[1]
port = int(sys.argv[2])
rows = {"alpha": [], "beta": []}
for i in range(360):
    w1, w2 = WORDS[i % len(WORDS)], WORDS[(i * 5 + 3) % len(WORDS)]
    url = "https://example.org/doc/%d" % i
    for name, keep in (("alpha", i % 5 != 4), ("beta", i % 5 != 0)):
        if keep:
            title = "%s and %s, part %d (%s)" % (w1.capitalize(), w2, i, name)
            content = ("Notes number %d about %s with %s: how the %s side is configured, tested and measured, "
                       "with examples, pitfalls and a short summary written for the %s index." % (i, w1, w2, w1, name))
            rows[name].append((title, url, content))
for name, data in rows.items():
    c = sqlite3.connect("%s/%s.db" % (d, name))
    c.execute("create table docs(title text, url text, content text)")
    c.executemany("insert into docs values (?,?,?)", data)
    c.commit()
    c.close()
s = yaml.safe_load(open("/usr/share/doc/searx/examples/settings.yml"))
s.pop("use_default_settings", None)
s["server"].update({"port": port, "bind_address": "127.0.0.1", "secret_key": "bench-only",
                    "limiter": False, "image_proxy": False})
s["search"]["formats"] = ["html", "json"]
s["search"]["autocomplete"] = ""
q = "SELECT title, url, content FROM docs WHERE content LIKE '%' || :query || '%'"
s["engines"] = [
    {"name": "alpha", "engine": "sqlite", "shortcut": "al", "database": "%s/alpha.db" % d, "query_str": q,
     "result_template": "key-value.html", "categories": "general"},
    {"name": "beta", "engine": "sqlite", "shortcut": "be", "database": "%s/beta.db" % d, "query_str": q,
     "result_template": "key-value.html", "categories": "general"}]
yaml.safe_dump(s, open("%s/settings.yml" % d, "w"))
