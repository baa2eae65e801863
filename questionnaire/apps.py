from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class QuestionnaireConfig(AppConfig):
    name = "questionnaire"
    verbose_name = _("Questionnaire")

    def ready(self) -> None:
        # However a user is deleted (the admin, a shell, a script), their HR roles leave
        # the audit log first; the admin removes them itself and names who did it.
        pre_delete.connect(
            _hr_roles_of_deleted_user_remove,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="questionnaire.hr_roles_of_deleted_user",
        )


def _hr_roles_of_deleted_user_remove(sender, instance, **kwargs) -> None:
    from .core.roles import hr_roles_of_user_remove

    hr_roles_of_user_remove(instance)
