"""``ApplicationResourceApi``: the official resource API under its module path.

Generated from the official swagger-codegen module (paths, methods, parameters, response
types), then maintained by hand. Endpoints a server does not serve (the Orkes-only ones, on
Conductor OSS as on ours) answer 404, raised as ``ApiException``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from conductor.client.http.api_client import ApiClient
from conductor.client.http.models.conductor_application import ConductorApplication
from conductor.client.http.models.create_or_update_application_request import CreateOrUpdateApplicationRequest
from conductor.client.http.models.tag_object import TagObject

__all__ = ["ApplicationResourceApi"]


class ApplicationResourceApi:
    """The official ``ApplicationResourceApi`` (swagger-codegen) over our :class:`ApiClient`: every
    method also accepts ``async_req=True`` (answers an ``AsyncResult``) and has its
    ``*_with_http_info`` twin."""

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def add_role_to_application_user(self, application_id: str, role: str, **kwargs: Any) -> Any:
        """``POST /applications/{applicationId}/roles/{role}``: add_role_to_application_user. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.add_role_to_application_user_with_http_info(application_id, role, **kwargs)

    def add_role_to_application_user_with_http_info(
        self, application_id: str, role: str, **kwargs: Any
    ) -> Any:
        """As :meth:`add_role_to_application_user`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/applications/{applicationId}/roles/{role}",
            path_params={"applicationId": application_id, "role": role},
            response_type=object,
        )

    def create_access_key(self, id: str, **kwargs: Any) -> Any:
        """``POST /applications/{id}/accessKeys``: Create an access key for an application. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.create_access_key_with_http_info(id, **kwargs)

    def create_access_key_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`create_access_key`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/applications/{id}/accessKeys",
            path_params={"id": id},
            response_type=object,
        )

    def create_application(self, body: CreateOrUpdateApplicationRequest, **kwargs: Any) -> Any:
        """``POST /applications``: Create an application. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.create_application_with_http_info(body, **kwargs)

    def create_application_with_http_info(self, body: CreateOrUpdateApplicationRequest, **kwargs: Any) -> Any:
        """As :meth:`create_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/applications",
            body=body,
            response_type=object,
        )

    def delete_access_key(self, application_id: str, key_id: str, **kwargs: Any) -> Any:
        """``DELETE /applications/{applicationId}/accessKeys/{keyId}``: Delete an access key. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_access_key_with_http_info(application_id, key_id, **kwargs)

    def delete_access_key_with_http_info(self, application_id: str, key_id: str, **kwargs: Any) -> Any:
        """As :meth:`delete_access_key`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/applications/{applicationId}/accessKeys/{keyId}",
            path_params={"applicationId": application_id, "keyId": key_id},
            response_type=object,
        )

    def delete_application(self, id: str, **kwargs: Any) -> Any:
        """``DELETE /applications/{id}``: Delete an application. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.delete_application_with_http_info(id, **kwargs)

    def delete_application_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`delete_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/applications/{id}",
            path_params={"id": id},
            response_type=object,
        )

    def get_access_keys(self, id: str, **kwargs: Any) -> Any:
        """``GET /applications/{id}/accessKeys``: Get application's access keys. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_access_keys_with_http_info(id, **kwargs)

    def get_access_keys_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_access_keys`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/applications/{id}/accessKeys",
            path_params={"id": id},
            response_type=object,
        )

    def get_application(self, id: str, **kwargs: Any) -> Any:
        """``GET /applications/{id}``: Get an application by id. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_application_with_http_info(id, **kwargs)

    def get_application_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/applications/{id}",
            path_params={"id": id},
            response_type=object,
        )

    def list_applications(self, **kwargs: Any) -> list[ConductorApplication]:
        """``GET /applications``: Get all applications. Answers ``list[ConductorApplication]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[ConductorApplication]", self.list_applications_with_http_info(**kwargs))

    def list_applications_with_http_info(self, **kwargs: Any) -> Any:
        """As :meth:`list_applications`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/applications",
            response_type=list[ConductorApplication],
        )

    def remove_role_from_application_user(self, application_id: str, role: str, **kwargs: Any) -> Any:
        """``DELETE /applications/{applicationId}/roles/{role}``: remove_role_from_application_user. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.remove_role_from_application_user_with_http_info(application_id, role, **kwargs)

    def remove_role_from_application_user_with_http_info(
        self, application_id: str, role: str, **kwargs: Any
    ) -> Any:
        """As :meth:`remove_role_from_application_user`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/applications/{applicationId}/roles/{role}",
            path_params={"applicationId": application_id, "role": role},
            response_type=object,
        )

    def toggle_access_key_status(self, application_id: str, key_id: str, **kwargs: Any) -> Any:
        """``POST /applications/{applicationId}/accessKeys/{keyId}/status``: Toggle the status of an access
        key. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.toggle_access_key_status_with_http_info(application_id, key_id, **kwargs)

    def toggle_access_key_status_with_http_info(self, application_id: str, key_id: str, **kwargs: Any) -> Any:
        """As :meth:`toggle_access_key_status`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "POST",
            "/applications/{applicationId}/accessKeys/{keyId}/status",
            path_params={"applicationId": application_id, "keyId": key_id},
            response_type=object,
        )

    def update_application(self, body: CreateOrUpdateApplicationRequest, id: str, **kwargs: Any) -> Any:
        """``PUT /applications/{id}``: Update an application. Answers ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.update_application_with_http_info(body, id, **kwargs)

    def update_application_with_http_info(
        self, body: CreateOrUpdateApplicationRequest, id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`update_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/applications/{id}",
            path_params={"id": id},
            body=body,
            response_type=object,
        )

    def put_tags_for_application(self, body: Sequence[TagObject], id: str, **kwargs: Any) -> None:
        """``PUT /applications/{id}/tags``: Put a tag to application. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.put_tags_for_application_with_http_info(body, id, **kwargs))

    def put_tags_for_application_with_http_info(
        self, body: Sequence[TagObject], id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`put_tags_for_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "PUT",
            "/applications/{id}/tags",
            path_params={"id": id},
            body=body,
        )

    def get_tags_for_application(self, id: str, **kwargs: Any) -> list[TagObject]:
        """``GET /applications/{id}/tags``: Get tags by application. Answers ``list[TagObject]``."""
        kwargs["_return_http_data_only"] = True
        return cast("list[TagObject]", self.get_tags_for_application_with_http_info(id, **kwargs))

    def get_tags_for_application_with_http_info(self, id: str, **kwargs: Any) -> Any:
        """As :meth:`get_tags_for_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/applications/{id}/tags",
            path_params={"id": id},
            response_type=list[TagObject],
        )

    def delete_tags_for_application(self, body: Sequence[TagObject], id: str, **kwargs: Any) -> None:
        """``DELETE /applications/{id}/tags``: Delete a tag for application. Answers ``None``."""
        kwargs["_return_http_data_only"] = True
        return cast("None", self.delete_tags_for_application_with_http_info(body, id, **kwargs))

    def delete_tags_for_application_with_http_info(
        self, body: Sequence[TagObject], id: str, **kwargs: Any
    ) -> Any:
        """As :meth:`delete_tags_for_application`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "DELETE",
            "/applications/{id}/tags",
            path_params={"id": id},
            body=body,
        )

    def get_app_by_access_key_id(self, access_key_id: str, **kwargs: Any) -> Any:
        """``GET /applications/key/{accessKeyId}``: Get application id by access key id. Answers
        ``object``."""
        kwargs["_return_http_data_only"] = True
        return self.get_app_by_access_key_id_with_http_info(access_key_id, **kwargs)

    def get_app_by_access_key_id_with_http_info(self, access_key_id: str, **kwargs: Any) -> Any:
        """As :meth:`get_app_by_access_key_id`; ``(data, status, headers)`` unless ``_return_http_data_only``."""
        return self.api_client.call_with_options(
            kwargs,
            "GET",
            "/applications/key/{accessKeyId}",
            path_params={"accessKeyId": access_key_id},
            response_type=object,
        )
