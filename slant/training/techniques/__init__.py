"""Training and scoring the techniques model: :mod:`.data` reads PTC-layout folders,
:mod:`.scoring` holds the task's measures, :mod:`.train` fits the heads, :mod:`.evaluate`
scores a model or a predictions file. Nothing heavy is imported here."""
