"""Seeds a throwaway Tryton database with the demo plant's line 1: a company, products, a BOM, a routing whose
operations run on the line's machines (a work center per machine under a work center for the line), a scrap
location, and employees. Run with Debian's python3 (tryton-proteus): seed.py DATABASE TRYTOND_CONF."""
import sys
from decimal import Decimal

from proteus import Model, config

database, conf = sys.argv[1], sys.argv[2]
config.set_trytond(database, config_file=conf)

Currency = Model.get('currency.currency')
usd = Currency(name='US Dollar', code='USD', symbol='$', rounding=Decimal('0.01'), digits=2)
usd.save()
Party = Model.get('party.party')
company_party = Party(name='Acme Dayton')
company_party.save()
Company = Model.get('company.company')
company = Company(party=company_party, currency=usd)
company.save()
User = Model.get('res.user')
admin = User(config.get_config().user)
admin.companies.append(company)
admin.company = company
admin.save()
# The session's context now carries the company, as a login would.
config.get_config()._context = User.get_preferences(True, {})

Uom = Model.get('product.uom')
unit, = Uom.find([('name', '=', 'Unit')])
kg, = Uom.find([('name', '=', 'Kilogram')])
Template = Model.get('product.template')


def product(code, name, uom, producible):
    template = Template(name=name, default_uom=uom, type='goods', producible=producible,
                        list_price=Decimal('10'), code=code)
    template.save()
    variant = template.products[0]
    variant.cost_price = Decimal('2')
    variant.save()
    return variant


flange = product('FLANGE-80', 'Flange DN80', unit, True)
bar = product('BAR-C45-90', 'Bar stock C45 90 mm', kg, False)

Location = Model.get('stock.location')
warehouse, = Location.find([('type', '=', 'warehouse')])
scrap = Location(name='Scrap', type='lost_found')
scrap.save()
warehouse.waste_locations.append(Location(scrap.id))
warehouse.save()

Category = Model.get('production.work.center.category')
Center = Model.get('production.work.center')
line = Center(name='machining/line1', warehouse=warehouse, cost_method='hour', cost_price=Decimal('40'))
line.save()
Operation = Model.get('production.routing.operation')
Routing = Model.get('production.routing')
routing = Routing(name='FLANGE-80 on line 1')
machines = [('op10', 'saw01'), ('op20', 'lathe01'), ('op30', 'lathe02'), ('op40', 'mill01'),
            ('op50', 'grind01'), ('op60', 'wash01'), ('op70', 'cmm01')]
for sequence, (op, machine) in enumerate(machines, start=1):
    # One category per machine, so each operation lands on its own machine.
    category = Category(name=machine)
    category.save()
    Center(name=machine, parent=line, category=category, warehouse=warehouse,
           cost_method='hour', cost_price=Decimal('60')).save()
    operation = Operation(name=op, work_center_category=category, timesheet_available=True)
    operation.save()
    step = routing.steps.new()
    step.operation = operation
    step.sequence = sequence
routing.save()

Bom = Model.get('production.bom')
bom = Bom(name='FLANGE-80')
bom_input = bom.inputs.new()
bom_input.product = bar
bom_input.quantity = 2.1
bom_input.uom = kg
bom_output = bom.outputs.new()
bom_output.product = flange
bom_output.quantity = 1
bom_output.uom = unit
bom.save()
routing.boms.append(Bom(bom.id))
routing.save()
flange.boms.new(bom=bom, routing=routing)
flange.save()

Employee = Model.get('company.employee')
for code, name in [('E-1001', 'Ana Ruiz'), ('E-1002', 'Ben Okafor')]:
    party = Party(name=name, code=code)
    party.save()
    Employee(party=party, company=company).save()

# Production numbers read as work-order ids on the floor: MO-1, MO-2...
Configuration = Model.get('production.configuration')
configuration = Configuration(1)
sequence = configuration.production_sequence
sequence.prefix = 'MO-'
sequence.save()

admin = User(config.get_config().user)
Employee_ = Employee.find([('party.code', '=', 'E-1001')])
admin.employees.extend(Employee_)
admin.employee = Employee_[0]
admin.save()
print('seeded')
