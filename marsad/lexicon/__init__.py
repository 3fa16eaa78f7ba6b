"""Language knowledge loaded from marsad/data into objects that are passed around: the Morphology
(clitics), the phrase tables, and the event stage's Lexicon."""
