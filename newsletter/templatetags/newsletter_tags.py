from django import template

from ..forms import SignupForm

register = template.Library()


@register.simple_tag
def newsletter_signup_form(page):
    """A blank signup form that remembers the page it is shown on; it runs no queries."""
    return SignupForm(initial={"signup_page": page})
