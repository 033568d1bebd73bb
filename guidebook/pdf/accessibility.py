"""The PDF/UA-1 parts WeasyPrint 70 leaves out, added to each PDF it writes.

WeasyPrint tags the content and writes XMP metadata with the PDF/UA identifier, but the text of the margin
boxes (running heads, page numbers) is marked content that no structure element reaches, which screen
readers and checkers take for untagged content: here it becomes an /Artifact. The XMP metadata gets the
document's language beside its title and description.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

Reachable = dict[tuple[int, int], set[int]]  # page object -> MCIDs the structure tree reaches on it


def finish(path: Path, language: str) -> None:
    """Rewrite the PDF at `path` in place, deterministically (the same input gives the same bytes)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        reachable = _reachable(pdf)
        for page in pdf.pages:
            orphans = _mark_orphans_as_artifacts(pdf, page, reachable.get(page.obj.objgen, set()))
            _forget_in_parent_tree(pdf, page, orphans)
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:language"] = [language]
        pdf.save(path, deterministic_id=True)


def _reachable(pdf: pikepdf.Pdf) -> Reachable:
    found: Reachable = {}
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, int):
                found.setdefault(element.Pg.objgen, set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.setdefault(kid.Pg.objgen, set()).add(int(kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
    return found


def _mark_orphans_as_artifacts(pdf: pikepdf.Pdf, page: pikepdf.Page, reachable: set[int]) -> set[int]:
    """Turn each marked-content sequence no structure element reaches into an artifact; return their MCIDs."""
    orphans: set[int] = set()
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = instruction.operands
        if (
            str(instruction.operator) == "BDC"
            and isinstance(operands[1], pikepdf.Dictionary)
            and "/MCID" in operands[1]
        ):
            mcid = int(operands[1].MCID)
            if mcid not in reachable:
                orphans.add(mcid)
                instruction = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))
        instructions.append(instruction)
    if orphans:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    return orphans


def _forget_in_parent_tree(pdf: pikepdf.Pdf, page: pikepdf.Page, orphans: set[int]) -> None:
    if not orphans or "/StructParents" not in page.obj:
        return
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    key = int(page.obj.StructParents)
    for index in range(0, len(numbers), 2):
        if int(numbers[index]) == key:
            elements = numbers[index + 1]
            for mcid in orphans:
                if mcid < len(elements):
                    elements[mcid] = None
            return
