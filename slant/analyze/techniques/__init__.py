"""Propaganda-technique detection (the 14 PTC techniques of SemEval-2020 Task 11).

Modules: :mod:`.data` reads PTC-layout folders, :mod:`.scoring` holds the task's measures,
:mod:`.encoder` runs the frozen base encoder, :mod:`.tagger` and :mod:`.classifier` are the
trained heads, :mod:`.model` turns text into spans, :mod:`.train` fits them, :mod:`.stage`
is the pipeline stage. Nothing heavy is imported here.
"""
