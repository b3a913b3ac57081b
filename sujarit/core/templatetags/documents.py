"""The heading and the signature block of official documents (core.documents)."""

from django import template

from .. import documents

register = template.Library()


@register.inclusion_tag("pdf/_letterhead.html")
def letterhead(org, *title_lines):
    """The emblem, the document's title lines and the organization with its district and province."""
    return {
        "org": org,
        "emblem": documents.emblem_data_uri(org),
        "title": title_lines[:1],
        "lines": title_lines[1:],
    }


@register.inclusion_tag("pdf/_signatures.html")
def signatures(org, preparer_name="", preparer_position="", *lead):
    """Who signs: the preparer, the reviewing head and the executive; the `lead` sentences are printed
    just before them and kept on their page, so no page holds only signatures."""
    return {
        "signers": documents.signers(org, preparer_name=preparer_name, preparer_position=preparer_position),
        "lead": " ".join(str(s) for s in lead if s),
    }
