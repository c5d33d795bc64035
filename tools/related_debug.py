"""Explain the two lists under an article: `make related-debug SLUG=<slug>`.

Reads content/ with the settings of pelicanconf.py (the same readers and plugins as a
build, nothing is written), ranks with plugins/related, and prints for the article:
- "Tin cùng chuyên mục": each article with its date and whether it is older or newer;
- "Có thể bạn quan tâm": every candidate with its score breakdown (text similarity, direct
  and through neighbours; metadata bonus with the shared units, bloc, decisions and tags;
  recency bonus), the terms that weigh most in the similarity, and why it is kept or not.
SLUG may also be "YYYY/MM/slug" when two articles share a slug.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_articles(settings_file: Path = ROOT / "pelicanconf.py") -> tuple[list, list, dict]:
    """(published articles, drafts, settings) read by Pelican's own readers and plugins."""
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    with tempfile.TemporaryDirectory() as output:
        settings = read_settings(
            str(settings_file),
            override={
                "PATH": str(ROOT / "content"),
                "OUTPUT_PATH": output,
                "CACHE_CONTENT": False,
                "LOAD_CONTENT_CACHE": False,
            },
        )
        pelican = Pelican(settings)  # registers the plugins (the NFC reader among them)
        context = settings.copy()
        context.update(generated_content={}, static_links=set(), static_content={}, localsiteurl="")
        generator = ArticlesGenerator(
            context=context,
            settings=settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=output,
        )
        generator.generate_context()
    return list(generator.articles), list(generator.drafts), settings


def _find(articles: list, wanted: str) -> list:
    wanted = wanted.strip().strip("/")
    return [a for a in articles if a.slug == wanted or a.url.strip("/").endswith(wanted)]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def explain(slug: str, out=sys.stdout) -> int:
    from plugins.related.glue import to_doc
    from plugins.related.rank import Index, same_category
    from plugins.related.settings import RelatedSettings

    published, drafts, settings = load_articles()
    related = RelatedSettings.from_pelican(settings)
    found = _find(published, slug) or _find(drafts, slug)
    if len(found) != 1:
        if not found:
            print(f"Không tìm thấy bài viết có slug '{slug}'.", file=out)
        else:
            print(f"Có {len(found)} bài cùng slug '{slug}'; ghi rõ năm/tháng:", file=out)
            for article in found:
                print(f"  {article.url.strip('/')}", file=out)
        return 1
    article = found[0]
    docs = [to_doc(a) for a in published]
    by_key = {doc.key: doc for doc in docs}
    index = Index(docs, related.rank)
    doc = to_doc(article)
    is_draft = doc.key not in by_key
    print(
        f"Bài: {article.title}\n     {article.url}  ({article.date:%d/%m/%Y}, {article.category})",
        file=out,
    )

    print(f"\nTIN CÙNG CHUYÊN MỤC (tối đa {related.same_category_count}, mới nhất trước)", file=out)
    lists = same_category([*docs, doc] if is_draft else docs, related.same_category_count)
    for n, key in enumerate(lists[doc.key], 1):
        other = by_key[key]
        side = "trước" if (other.date, other.slug) < (doc.date, doc.slug) else "sau"
        print(f"  {n}. {other.date:%d/%m/%Y} ({side:5}) {_short(other.title, 90)}", file=out)

    rank = related.rank
    ranked = index.similar_to_new(doc, explain=True) if is_draft else index.explain(doc.key)
    print(
        f"\nCÓ THỂ BẠN QUAN TÂM (tối đa {rank.similar_count}, ít nhất {rank.similar_min} "
        f"nếu đủ giống; sau đó chỉ giữ bài có điểm >= {rank.relative_cutoff:g} × điểm cao nhất)",
        file=out,
    )
    print(
        "  điểm = văn bản × (1 + thưởng siêu dữ liệu) × (1 + thưởng bài mới); văn bản = "
        "(cosin trực tiếp + phần qua các bài gần nhất) / chuẩn hóa",
        file=out,
    )
    header = (
        f"  {'':2}{'#':>2} {'điểm':>6} {'văn bản':>7} {'trực tiếp':>9} {'qua bài gần':>11} "
        f"{'siêu dữ liệu':>12} {'bài mới':>7}  {'ngày':10}  bài"
    )
    print(header, file=out)
    for n, r in enumerate(ranked, 1):
        other = by_key[r.key]
        mark = "✔" if r.kept else " "
        print(
            f"  {mark:2}{n:>2} {r.score:6.3f} {r.text:7.3f} {r.direct:9.3f} "
            f"{r.through_neighbours:11.3f} {r.metadata_bonus:+12.3f} {r.recency_bonus:+7.3f}  "
            f"{other.date:%d/%m/%Y}  {_short(other.title, 70)}",
            file=out,
        )
        details = []
        if r.units:
            details.append("đơn vị: " + ", ".join(r.units))
        if r.blocs:
            details.append("khối: " + ", ".join(r.blocs))
        if r.decisions:
            details.append("quyết định: " + ", ".join(r.decisions))
        if r.tags:
            details.append("thẻ: " + ", ".join(r.tags))
        terms = ", ".join(f"{t.term} {t.contribution:.3f}" for t in r.shared_terms[:6])
        print(f"{'':8}{r.reason}" + (f"; {'; '.join(details)}" if details else ""), file=out)
        if terms:
            print(f"{'':8}từ chung: {terms}", file=out)
    if not ranked:
        print("  (không có bài nào đủ giống)", file=out)
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print("Cách dùng: make related-debug SLUG=<slug của bài viết>", file=sys.stderr)
        return 2
    return explain(argv[0])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
