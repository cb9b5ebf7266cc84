"""Materials of a programme (and evaluation files of its sessions), each with its licence."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from hrcities.core.apiutils import api_user, read_auth, write_auth
from hrcities.core.validation import check_fields

from .. import services
from ..models import Licence
from .common import material_out, visible_material, visible_programme
from .schemas import MaterialOut, MaterialPatch

router = Router()


@router.get(
    "/programmes/{programme_id}/materials",
    response=list[MaterialOut],
    auth=read_auth,
    summary="A programme's materials and its sessions' evaluation files",
)
def list_materials(request: HttpRequest, programme_id: int) -> Any:
    programme = visible_programme(api_user(request), programme_id)
    return [material_out(m, request) for m in programme.materials.all()]


@router.post(
    "/programmes/{programme_id}/materials",
    response={201: MaterialOut},
    auth=write_auth,
    summary="Add a file or a link with its licence",
    description="Multipart form: `file` (the content decides its type, not its name: a file "
    "whose content is not what its extension says is refused) or `url`; `licence` (one of "
    "CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-NC-SA-4.0, CC0-1.0, all-rights-reserved, "
    "other with `licence_note`); optional `title_en`, `title_ko`, `language` and `session` "
    "(the id of a session of this programme, for an evaluation file).",
)
def add_material(
    request: HttpRequest,
    programme_id: int,
    licence: Form[Licence],
    file: File[UploadedFile] = None,  # type: ignore[assignment]
    url: Form[str] = "",
    licence_note: Form[str] = "",
    title_en: Form[str] = "",
    title_ko: Form[str] = "",
    language: Form[str] = "",
    session: Form[int] = None,  # type: ignore[assignment]
) -> Any:
    check_fields(
        url=url, licence_note=licence_note, title_en=title_en, title_ko=title_ko, language=language
    )
    user = api_user(request)
    programme = visible_programme(user, programme_id)
    material = services.add_material(
        programme,
        by=user,
        licence=str(licence.value if hasattr(licence, "value") else licence),
        titles={"en": title_en, "ko": title_ko},
        upload=file,
        url=url,
        licence_note=licence_note,
        language=language,
        session=get_object_or_404(programme.sessions, pk=session) if session else None,
    )
    return Status(201, material_out(material, request))


@router.get(
    "/programmes/{programme_id}/materials/{material_id}",
    response=MaterialOut,
    auth=read_auth,
    summary="One material",
)
def get_material(request: HttpRequest, programme_id: int, material_id: int) -> Any:
    return material_out(visible_material(api_user(request), programme_id, material_id), request)


@router.patch(
    "/programmes/{programme_id}/materials/{material_id}",
    response=MaterialOut,
    auth=write_auth,
    summary="Change a material's title, language, licence or link",
    description="The file of a material is never replaced: upload a new material instead.",
)
def change_material(
    request: HttpRequest, programme_id: int, material_id: int, payload: MaterialPatch
) -> Any:
    user = api_user(request)
    material = visible_material(user, programme_id, material_id)
    changes = payload.dict(exclude_unset=True)
    if "licence" in changes and changes["licence"] is not None:
        changes["licence"] = str(getattr(changes["licence"], "value", changes["licence"]))
    return material_out(services.update_material(material, changes, by=user), request)


@router.delete(
    "/programmes/{programme_id}/materials/{material_id}",
    response={204: None},
    auth=write_auth,
    summary="Delete a material (and its file)",
)
def delete_material(request: HttpRequest, programme_id: int, material_id: int) -> Any:
    user = api_user(request)
    services.delete_material(visible_material(user, programme_id, material_id), by=user)
    return Status(204, None)
