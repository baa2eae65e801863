from django.db import models


class MinimalSubmission(models.Model):
    """One row per POST of the minimal form: the answers as they came."""

    answers = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Minimal submission {self.pk}"
