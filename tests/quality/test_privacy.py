"""Privacy and security of the built HTML: nothing is loaded from another host, the Content
Security Policy (meta tag and _headers file) allows only the site itself, no inline event
handlers or scripts, external links open with rel="noopener".

The browser tour (test_browser.py) checks the same in chromium: every request it makes.
"""

from __future__ import annotations

import re

import pytest

from tests.quality.sitecheck import summary

# Every page parsed once, on one xdist worker.
pytestmark = pytest.mark.xdist_group("site-static")

# Sources a directive may allow: the site itself, nothing, and WebAssembly compilation for
# the search index (Pagefind); never another host, data: or blob: URLs, inline or eval'd
# scripts.
ALLOWED_SOURCES = {"'self'", "'none'", "'wasm-unsafe-eval'"}
REQUIRED = {
    "default-src": {"'self'"},
    "script-src": {"'self'", "'wasm-unsafe-eval'"},
    "style-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'", "'none'"},
    "form-action": {"'self'"},
}
# Only a header can send these (a <meta> policy ignores them, with a console error).
HEADER_ONLY = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def parse_policy(text: str) -> dict[str, list[str]]:
    policy = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


def policy_problems(policy: dict[str, list[str]], where: str) -> list[str]:
    problems = []
    for directive, allowed in REQUIRED.items():
        sources = set(policy.get(directive, policy.get("default-src", [])))
        if directive in ("base-uri", "form-action", "object-src") and directive not in policy:
            problems.append(f"{where}: no {directive} directive (default-src does not cover it)")
        elif not sources or not sources <= allowed:
            problems.append(f"{where}: {directive} {sorted(sources)} (allowed: {sorted(allowed)})")
    for directive, sources in policy.items():
        extra = set(sources) - ALLOWED_SOURCES
        if directive in ("upgrade-insecure-requests", "block-all-mixed-content"):
            continue
        if directive == "frame-ancestors":
            extra = set(sources) - {"'none'", "'self'"}
        if extra:
            problems.append(f"{where}: {directive} allows {sorted(extra)}")
    return problems


def meta_policy(site, page: str) -> str | None:
    metas = [
        m
        for m in site.soup(page).find_all("meta", attrs={"http-equiv": True})
        if m["http-equiv"].lower() == "content-security-policy"
    ]
    if len(metas) != 1:
        return None
    head = site.soup(page).head
    if head is None or metas[0].find_parent("head") is None:
        return None
    return metas[0].get("content", "")


def test_every_page_has_a_strict_csp_meta(site):
    problems = []
    policies = set()
    for page in site.pages:
        text = meta_policy(site, page)
        if text is None:
            problems.append(f"{page}: no single Content-Security-Policy <meta> in <head>")
            continue
        policies.add(text)
        policy = parse_policy(text)
        problems += policy_problems(policy, page)
        for directive in sorted(HEADER_ONLY & set(policy)):
            problems.append(f"{page}: {directive} is ignored in a <meta> policy")
    assert not problems, summary(problems)
    assert len(policies) == 1, f"pages send different policies: {sorted(policies)}"


def _headers_rules(text: str) -> dict[str, dict[str, str]]:
    """The _headers file (Netlify / Cloudflare Pages format): path → {header: value}."""
    rules: dict[str, dict[str, str]] = {}
    current = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if not raw[0].isspace():
            current = rules.setdefault(raw.strip(), {})
        elif current is not None and ":" in raw:
            name, value = raw.strip().split(":", 1)
            current[name.strip().lower()] = value.strip()
    return rules


def test_headers_file_sends_the_same_policy(site):
    path = site.root / "_headers"
    assert path.is_file(), "no _headers file at the root of the built site"
    rules = _headers_rules(path.read_text(encoding="utf-8"))
    assert "/*" in rules, "_headers has no rule for every path (/*)"
    headers = rules["/*"]
    header_policy = parse_policy(headers.get("content-security-policy", ""))
    assert header_policy, "_headers sends no Content-Security-Policy"
    problems = policy_problems(header_policy, "_headers")
    assert header_policy.get("frame-ancestors") == ["'none'"], "frame-ancestors 'none' missing"
    meta = parse_policy(meta_policy(site, "index.html") or "")
    for directive, sources in meta.items():
        if header_policy.get(directive) != sources:
            problems.append(f"_headers {directive} {header_policy.get(directive)} ≠ meta {sources}")
    for directive in set(header_policy) - set(meta) - HEADER_ONLY:
        problems.append(f"_headers has {directive}, the <meta> policy has not")
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy")
    assert not problems, summary(problems)


def test_nothing_is_loaded_from_another_host(site):
    problems = []
    for page in site.pages:
        for ref in site.refs(page):
            if ref.loads and site.is_other_host(page, ref.url):
                problems.append(ref)
        for tag in site.soup(page).find_all("meta", attrs={"http-equiv": True}):
            if tag["http-equiv"].lower() == "refresh" and "url=" in tag.get("content", "").lower():
                problems.append(f"{page}: meta refresh {tag.get('content')!r}")
    assert not problems, f"resources from other hosts:\n{summary(problems)}"


def test_forms_submit_to_the_site_itself(site):
    problems = []
    for page in site.pages:
        for form in site.soup(page).find_all("form"):
            action = form.get("action")
            if action is not None and site.is_other_host(page, action):
                problems.append(f"{page}: <form action={action!r}>")
    assert not problems, summary(problems)


def test_no_inline_event_handlers_scripts_or_styles(site):
    problems = []
    for page in site.pages:
        soup = site.soup(page)
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                if attr.lower().startswith("on"):
                    problems.append(f"{page}: <{tag.name} {attr}=...> inline event handler")
                elif attr == "style":
                    problems.append(f"{page}: <{tag.name} style={value!r}> (blocked by the CSP)")
                elif attr in ("href", "src", "action", "formaction") and re.match(
                    r"\s*javascript:", str(value), re.IGNORECASE
                ):
                    problems.append(f"{page}: <{tag.name} {attr}={value!r}>")
        for script in soup.find_all("script"):
            kind = (script.get("type") or "text/javascript").lower()
            if not script.get("src") and kind not in DATA_SCRIPT_TYPES:
                problems.append(f"{page}: inline <script> (blocked by the CSP)")
            if script.get("src") and (script.string or "").strip():
                problems.append(f"{page}: <script src> with a body")
        if soup.find("style"):
            problems.append(f"{page}: inline <style> (blocked by the CSP)")
    assert not problems, summary(problems)


def test_data_scripts_cannot_end_early(site):
    """JSON-LD is escaped so that no value can close the <script> element."""
    problems = []
    for page in site.pages:
        for script in site.soup(page).find_all("script", type="application/ld+json"):
            body = script.string or ""
            if "</" in body or "<!--" in body:
                problems.append(f"{page}: JSON-LD contains '</' or '<!--'")
    assert not problems, summary(problems)


def test_external_links_open_safely(site):
    problems = []
    for page in site.pages:
        for link in site.soup(page).find_all(["a", "area"], href=True):
            if not site.is_other_host(page, link["href"]):
                continue
            rels = {r.lower() for r in (link.get("rel") or [])}
            if "noopener" not in rels:
                problems.append(f"{page}: <a href={link['href']!r}> without rel=noopener")
    assert not problems, f"{len(problems)} external links:\n{summary(problems)}"
