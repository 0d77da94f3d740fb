"""HTML pages written for the ingest tests (invented text)."""

ARTICLE_HTML = """<!doctype html>
<html><head>
<meta charset="utf-8">
<title>Ferry fares to rise again | Harbour Herald</title>
<meta property="og:site_name" content="Harbour Herald">
<meta property="og:title" content="Ferry fares to rise again">
<meta name="author" content="Rosa Lindqvist">
<meta property="article:published_time" content="2026-02-14T08:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ferry fares to rise again</h1>
<p>The island ferry company will raise its fares for the third time in two years, the board
announced on Friday, blaming the cost of fuel and a new harbour levy.</p>
<p>"Nobody on this island can afford another increase," said Ivo Brandt, who runs the bakery
beside the terminal and crosses twice a week to buy flour.</p>
<p>The company said that season tickets for commuters would not change until the autumn.</p>
</article>
<footer>Subscribe to our newsletter. All rights reserved.</footer>
</body></html>
"""

EMPTY_PAGE_HTML = """<!doctype html><html><head><title>Loading</title>
<script>window.app = {};</script></head><body><div id="root"></div></body></html>"""
