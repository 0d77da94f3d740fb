"""Propaganda-technique detection (the 14 PTC techniques of SemEval-2020 Task 11).

Modules: :mod:`.encoder` runs the frozen base encoder, :mod:`.tagger` (BiLSTM) and the span
classifier in :mod:`.model` are the trained heads over it, :mod:`.features` builds span
features, :mod:`.model` turns text into spans, :mod:`.stage` is the pipeline stage. Training
and scoring live in :mod:`slant.training.techniques`. Nothing heavy is imported here.
"""
