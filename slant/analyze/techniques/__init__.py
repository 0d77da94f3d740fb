"""Propaganda-technique detection (the 14 PTC techniques of SemEval-2020 Task 11).

Modules: :mod:`.data` reads PTC-layout folders, :mod:`.scoring` holds the task's measures,
:mod:`.encoder` runs the frozen base encoder, :mod:`.tagger` (BiLSTM) and the span
classifier in :mod:`.model` are the trained heads over it, :mod:`.features` builds span
features, :mod:`.model` turns text into spans, :mod:`.train` fits the heads,
:mod:`.evaluate` scores them, :mod:`.stage` is the pipeline stage. Nothing heavy is
imported here.
"""
