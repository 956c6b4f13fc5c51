"""Pages, feeds and archives the input tests make themselves."""

from __future__ import annotations

from html import escape

PUTIN_XI_DE = [
    "Der russische Präsident Wladimir Putin hat am Mittwoch per Video mit dem chinesischen Staatschef "
    "Xi Jinping gesprochen. Das Gespräch dauerte nach Angaben des Kremls rund anderthalb Stunden.",
    "Beide Seiten hätten über Handel, Energie und die Lage in der Ukraine beraten, sagte Kremlsprecher "
    "Dmitri Peskow in Moskau. Xi lud Putin zu einem Besuch nach Peking ein.",
    "Die Zusammenarbeit beider Länder sei so eng wie nie, hieß es in einer Mitteilung aus Peking.",
]
TRUMP_MERZ_EN = [
    "President Donald Trump spoke by phone with German Chancellor Friedrich Merz on Tuesday, the White "
    "House said. The two leaders discussed trade, tariffs and support for Ukraine.",
    "Merz said after the call that he had invited Trump to visit Berlin later this year. The chancellor "
    "described the conversation as open and constructive.",
    "Officials in Washington said a meeting of both leaders could take place before the summer.",
]
GARDEN_EN = [
    "Spring is the best time to plant tomatoes, beans and courgettes in a sunny corner of the garden. "
    "Gardeners should wait until the last frost has passed before setting out young plants.",
    "Water the beds in the early morning, mulch them with straw and keep the soil loose around the stems.",
    "A small greenhouse helps in cooler regions, where nights stay cold well into May.",
]
PUTIN_FR = [
    "Le président russe Vladimir Putin s'est entretenu mercredi par vidéo avec le dirigeant chinois "
    "Xi Jinping. L'entretien a duré environ une heure et demie, selon le Kremlin.",
    "Les deux dirigeants ont discuté du commerce, de l'énergie et de la situation en Ukraine, a indiqué "
    "le porte-parole du Kremlin à Moscou.",
    "La coopération entre les deux pays n'a jamais été aussi étroite, selon un communiqué publié à Pékin.",
]


def article(title: str, paragraphs: list[str], *, lang: str = "de", published: str | None = None) -> str:
    """An article page with navigation and footer around the text."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{meta}'
            f'</head><body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>'
            f"<main><article><h1>{escape(title)}</h1>{body}</article></main>"
            f"<footer>© 2026 Beispielblatt · Impressum</footer></body></html>")


def rss(items: list[tuple[str, str, str]], *, link: str = "https://news.example/") -> str:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(url)}</link><pubDate>{d}</pubDate></item>"
                      for t, url, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Beispielblatt</title>'
            f"<link>{escape(link)}</link><description>Nachrichten</description>{entries}</channel></rss>")


def atom(items: list[tuple[str, str, str]], *, base: str = "") -> str:
    """An Atom feed of (title, href, published) items; `base` as xml:base when given."""
    xml_base = f' xml:base="{escape(base)}"' if base else ""
    entries = "".join(f'<entry><title>{escape(t)}</title><link rel="alternate" href="{escape(href)}"/>'
                      f"<id>urn:x:{i}</id><published>{d}</published><updated>{d}</updated></entry>"
                      for i, (t, href, d) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"{xml_base}>'
            f"<title>Example news</title><id>urn:x:feed</id><updated>2026-02-05T10:00:00Z</updated>"
            f"{entries}</feed>")


def write_warc(path, responses, *, requests=(), gz: bool = True, date: str = "2026-02-05T10:00:00Z") -> None:
    """A WARC of (uri, status, content type, body) responses, with request records for `requests`."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    reasons = {200: "OK", 404: "Not Found", 500: "Internal Server Error"}
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri in requests:
            head = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=head,
                                                          warc_headers_dict={"WARC-Date": date}))
        for uri, status, content_type, body in responses:
            data = body.encode("utf-8") if isinstance(body, str) else body
            head = StatusAndHeaders(f"{status} {reasons.get(status, 'X')}", [("Content-Type", content_type)],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(data), http_headers=head,
                                                          warc_headers_dict={"WARC-Date": date}))
