"""Recognize: place-name mentions in paragraphs, by spaCy NER helped by the gazetteer."""

from mapper.recognize.gazetteer_names import PLACE_LABELS  # importing it registers the spaCy component
from mapper.recognize.recognizer import Recognizer
from mapper.recognize.pipelines import default_model, load_pipeline

__all__ = ["PLACE_LABELS", "Recognizer", "default_model", "load_pipeline"]
