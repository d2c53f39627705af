from .articles import Article, ArticleKind, ArticleQuerySet, ArticleStatus
from .blocks import (
    BODY_BLOCK_MODELS,
    ArticlePlugin,
    ImageBlock,
    InitiativeTable,
    InitiativeTableRow,
    Quote,
    RichText,
    Transcript,
    TranscriptTurn,
    TurnRole,
    spoken_parts,
)
from .checks import ReleaseCheckReport, WatchTerm
from .initiatives import Initiative, InitiativeStatus
from .media import Image, ImagePurge, ImageRendition, PhotoArchive
from .notifications import NotificationPreference
from .organizations import Organization, OrganizationKind
from .people import Person, PersonRole
from .search import SearchDocument
from .workflow import Clearance, Correction, EmbargoLink, StateChange, WorkflowAction

__all__ = [
    "BODY_BLOCK_MODELS",
    "Article",
    "ArticleKind",
    "ArticlePlugin",
    "ArticleQuerySet",
    "ArticleStatus",
    "Clearance",
    "Correction",
    "EmbargoLink",
    "Image",
    "ImageBlock",
    "ImagePurge",
    "ImageRendition",
    "Initiative",
    "InitiativeStatus",
    "InitiativeTable",
    "InitiativeTableRow",
    "NotificationPreference",
    "Organization",
    "OrganizationKind",
    "Person",
    "PersonRole",
    "PhotoArchive",
    "Quote",
    "ReleaseCheckReport",
    "RichText",
    "SearchDocument",
    "StateChange",
    "Transcript",
    "TranscriptTurn",
    "TurnRole",
    "WatchTerm",
    "WorkflowAction",
    "spoken_parts",
]
