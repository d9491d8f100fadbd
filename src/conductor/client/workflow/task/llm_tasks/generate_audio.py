"""``generate_audio``.

Ported from the official SDK (``conductor.client.workflow.task.llm_tasks.generate_audio``,
conductor-python 2.0.0): same names and signatures, annotated for mypy --strict.
"""

from __future__ import annotations

from typing import Any

from conductor.client.workflow.task.task import TaskInterface
from conductor.client.workflow.task.task_type import TaskType


class GenerateAudio(TaskInterface):
    """Generates audio (text-to-speech) using an LLM provider.

    Args:
        task_ref_name: Reference name for the task in the workflow.
        llm_provider: AI provider integration name.
        model: Model name (e.g., "tts-1").
        text: Text content to convert to speech.
        voice: Voice identifier.
        speed: Speech speed multiplier.
        response_format: Audio format (e.g., "mp3", "wav").
        n: Number of audio outputs to generate (default: 1).
        prompt: Alternative prompt text.
        prompt_variables: Variables for prompt template substitution.
        task_name: Optional custom task name.
    """

    def __init__(
        self,
        task_ref_name: str,
        llm_provider: str,
        model: str,
        text: str | None = None,
        voice: str | None = None,
        speed: float | None = None,
        response_format: str | None = None,
        n: int = 1,
        prompt: str | None = None,
        prompt_variables: dict[str, Any] | None = None,
        task_name: str | None = None,
    ) -> None:
        if task_name is None:
            task_name = "generate_audio"
        input_params: dict[str, Any] = {"llmProvider": llm_provider, "model": model, "n": n}
        if text is not None:
            input_params["text"] = text
        if voice is not None:
            input_params["voice"] = voice
        if speed is not None:
            input_params["speed"] = speed
        if response_format is not None:
            input_params["responseFormat"] = response_format
        if prompt is not None:
            input_params["prompt"] = prompt
        if prompt_variables:
            input_params["promptVariables"] = prompt_variables
        super().__init__(
            task_name=task_name,
            task_reference_name=task_ref_name,
            task_type=TaskType.GENERATE_AUDIO,
            input_parameters=input_params,
        )
