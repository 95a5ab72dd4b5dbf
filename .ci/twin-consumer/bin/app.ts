import { App } from 'aws-cdk-lib';
import { ApiStack } from '../lib/api-stack';
import { OrdersStack } from '../lib/orders-stack';

const app = new App();
new ApiStack(app, 'ConsumerApi');
new OrdersStack(app, 'ConsumerOrders');
