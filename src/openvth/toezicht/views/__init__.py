"""The supervision pages, one module per section (see `toezicht.urls` for which view lives where).

The supervision pages: risk analyses, the execution programme, inspections on a phone, checklists, chains and
the site dossier.

Thin on purpose: every read goes through `toezicht.selectors` (and the register, enforcement and dossier
selectors), every write through `toezicht.services`, which check access, refuse bad input with `OngeldigeInvoer`
(its reasons land on the form's fields) and write the audit event. A record the actor may not see is a 404.
"""
