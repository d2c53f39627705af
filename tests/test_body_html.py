"""Every kind of body block has its HTML: a block type without one would fail every page,
feed item and e-mail alert of a release that uses it."""

from articles.models.blocks import BODY_BLOCK_MODELS
from public.body_html import BLOCK_HTML


def test_every_body_block_type_is_rendered():
    assert set(BLOCK_HTML) == set(BODY_BLOCK_MODELS)
