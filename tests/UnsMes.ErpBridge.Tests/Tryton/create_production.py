"""What a Tryton planner does to release an order: a production of FLANGE-80 on line 1 with its BOM and routing,
moved to waiting (which creates a work per routing operation). Prints the production number.
Run with Debian's python3 (tryton-proteus): create_production.py DATABASE TRYTOND_CONF QUANTITY."""
import sys
import datetime

from proteus import Model, config

database, conf, quantity = sys.argv[1], sys.argv[2], int(sys.argv[3])
config.set_trytond(database, config_file=conf)

Product = Model.get('product.product')
Center = Model.get('production.work.center')
Production = Model.get('production')
flange, = Product.find([('code', '=', 'FLANGE-80')])
line, = Center.find([('name', '=', 'machining/line1')])
production = Production()
production.product = flange
production.bom = flange.boms[0].bom
production.routing = flange.boms[0].routing
production.work_center = line
production.quantity = quantity
production.planned_date = datetime.date.today() + datetime.timedelta(days=2)
production.save()
production.click('wait')
print(production.number)
