"""What core/pdf.py does around WeasyPrint to make every PDF cheaper: fewer garbage
collections while it renders (restored after, also when renderings overlap or fail), and
tinyhtml5's cache of expressions mended so it finds what it stored, parsing the same tree."""

import gc
import threading
from xml.etree import ElementTree as ET

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from questionnaire.core import gc_pace, pdf
from tests.support.pdf_text import pdf_pages

DOCUMENT = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title></head>'
    "<body><main><h1>Figures &amp; words</h1><p class='x' title=\"a\">Support at work: "
    "<strong>62.5</strong> out of 100.</p><table><tr><th>A</th><td>1</td></tr></table>"
    "</main></body></html>"
)


def test_collections_are_fewer_while_rendering_and_restored_after():
    before = gc.get_threshold()
    with gc_pace.fewer_collections():
        assert gc.get_threshold()[0] == max(before[0], gc_pace.RENDERING_GC_THRESHOLD)
        assert gc.get_threshold()[1:] == before[1:]
        with gc_pace.fewer_collections():  # a second rendering at the same time
            pass
        # The first one still renders: still raised.
        assert gc.get_threshold()[0] == max(before[0], gc_pace.RENDERING_GC_THRESHOLD)
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_a_rendering_fails():
    before = gc.get_threshold()
    with pytest.raises(ValueError), gc_pace.fewer_collections():
        raise ValueError("layout failed")
    assert gc.get_threshold() == before


def test_overlapping_renderings_in_threads_restore_the_thresholds_once_all_are_done():
    before = gc.get_threshold()
    inside, leave = threading.Barrier(3), threading.Event()
    seen = []

    def render():
        with gc_pace.fewer_collections():
            inside.wait()
            leave.wait()
            seen.append(gc.get_threshold()[0])

    threads = [threading.Thread(target=render) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()  # both are rendering
    assert gc.get_threshold()[0] == max(before[0], gc_pace.RENDERING_GC_THRESHOLD)
    leave.set()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before
    assert seen[0] == max(before[0], gc_pace.RENDERING_GC_THRESHOLD)  # the first to leave


def test_the_mended_cache_finds_what_it_stored_and_parses_the_same_tree():
    plain = dict(inputstream.characters_until_regex)
    inputstream.characters_until_regex = {}  # tinyhtml5 as it comes
    try:
        as_it_comes = ET.tostring(tinyhtml5.parse(DOCUMENT))
        pdf._mend_tinyhtml5_cache.cache_clear()
        pdf._mend_tinyhtml5_cache()
        mended = inputstream.characters_until_regex
        assert isinstance(mended, pdf._UntilRegexes)
        assert ET.tostring(tinyhtml5.parse(DOCUMENT)) == as_it_comes
        keys = set(mended)
        assert (("&", "<", "\x00"), False) in keys  # found by what the tokenizer asks
        tinyhtml5.parse(DOCUMENT)
        assert set(mended) == keys  # nothing compiled again
    finally:
        pdf._mend_tinyhtml5_cache.cache_clear()
        inputstream.characters_until_regex = plain
        pdf._mend_tinyhtml5_cache()


def test_a_pdf_rendered_with_both_reads_as_before():
    text = " ".join(pdf_pages(pdf.html_to_pdf(DOCUMENT, stylesheets=(), base_url="http://x/")))
    assert "Figures & words" in text
    assert "Support at work: 62.5 out of 100." in " ".join(text.split())
