"""Build the POST body the article admin expects, blocks included, as the browser would send it."""

BLOCK_PREFIXES = {
    "richtext": "articles_richtext_set",
    "quote": "articles_quote_set",
    "initiativetable": "articles_initiativetable_set",
    "imageblock": "articles_imageblock_set",
    "transcript": "articles_transcript_set",
}


def article_post_data(fields=None, blocks=(), existing=None):
    """`blocks`: (kind, {field: value}) pairs in body order; `existing`: {kind: initial count}.

    `loaded_version` is the edit version the form was opened at: 1 for a release never saved
    since it was created; pass the current one in `fields` otherwise.
    """
    data = {
        "loaded_version": "1",
        "language": "en",
        "kind": "press-release",
        "headline": "Engineers finish clinic in Darién",
        "slug": "engineers-finish-clinic-in-darien",
        "subheadline": "",
        "summary": "A new rural clinic opens.",
        "dateline": "YAVIZA, Panama",
        "release_at_0": "2026-11-20",
        "release_at_1": "09:00:00",
        "byline_text": "Courtesy Story",
        "tags": "engineering, health",
    }
    data.update(fields or {})
    existing = existing or {}
    counts = dict.fromkeys(BLOCK_PREFIXES, 0)
    for position, (kind, values) in enumerate(blocks):
        prefix = BLOCK_PREFIXES[kind]
        index = counts[kind]
        counts[kind] += 1
        data[f"{prefix}-{index}-region"] = "body"
        data[f"{prefix}-{index}-ordering"] = str(values.pop("ordering", 10 * (position + 1)))
        for name, value in values.items():
            data[f"{prefix}-{index}-{name}"] = value
    for kind, prefix in BLOCK_PREFIXES.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(counts[kind])
        data[f"{prefix}-INITIAL_FORMS"] = str(existing.get(kind, 0))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return data
