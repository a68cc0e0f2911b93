"""``{% load fragments %}``: parts of a template rendered once and kept (history_site.fragments)."""

from django import template

from history_site import fragments

register = template.Library()


@register.tag
def fragment(parser, token):
    """``{% fragment dependency … %}…{% endfragment %}``: the block rendered once per distinct
    value of its dependencies, which must name everything it shows (``fragments``). Not kept
    when the context's ``keep_fragments`` is false (previews)."""
    dependencies = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = f"{parser.origin.template_name}:{token.lineno}"
    return FragmentNode(nodelist, dependencies, name=name)


class FragmentNode(template.Node):
    def __init__(self, nodelist, dependencies, name):
        self.nodelist, self.dependencies, self.name = nodelist, dependencies, name

    def render(self, context):
        return fragments.render_once(
            self.name,
            [dependency.resolve(context) for dependency in self.dependencies],
            lambda: self.nodelist.render(context),
            keep=context.get("keep_fragments", True),
        )
